/* Copyright 2026 BimBonBon
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// Run by test_quick_sale.py at tablet size (1024×768) as a salesperson; the customer and the
// products are created by the Python test.
registry.category("web_tour.tours").add("bimbonbon_quick_sale", {
    steps: () => [
        {
            content: "Search the customer by phone, as the customer says it",
            trigger: ".o_quick_sale_customer_search",
            run: "edit 030 123 45",
        },
        {
            trigger: ".o_quick_sale_customer_result:contains(Bakkerij Snelle Service)",
        },
        {
            content: "Search the customer by customer number",
            trigger: ".o_quick_sale_customer_search",
            run: "edit K-QUICK-1",
        },
        {
            trigger: ".o_quick_sale_customer_result:contains(K-QUICK-1)",
        },
        {
            content: "Pick the customer",
            trigger: ".o_quick_sale_customer_result:contains(Bakkerij Snelle Service)",
            run: "click",
        },
        {
            trigger: ".o_quick_sale_customer:contains(Bakkerij Snelle Service)",
        },
        {
            content: "Two trays of croissants: tap the tile, then +",
            trigger: ".o_quick_sale_tile:contains(Croissants tray) .o_quick_sale_tile_add",
            run: "click",
        },
        {
            trigger: ".o_quick_sale_tile:contains(Croissants tray) .o_quick_sale_plus",
            run: "click",
        },
        {
            content: "One cake, added and removed, then added again",
            trigger: ".o_quick_sale_tile:contains(Birthday cake) .o_quick_sale_plus",
            run: "click",
        },
        {
            trigger: ".o_quick_sale_tile:contains(Birthday cake) .o_quick_sale_plus",
            run: "click",
        },
        {
            trigger: ".o_quick_sale_tile:contains(Birthday cake) .o_quick_sale_minus:enabled",
            run: "click",
        },
        {
            trigger: ".o_quick_sale_tile:contains(Croissants tray) .o_quick_sale_quantity:contains(2)",
        },
        {
            trigger: ".o_quick_sale_lines li:contains(Birthday cake):contains(1)",
        },
        {
            content: "Nothing to confirm without a delivery date",
            trigger: ".o_quick_sale_confirm:disabled",
        },
        {
            content: "Delivery tomorrow",
            trigger: ".o_quick_sale_date_preset:first",
            run: "click",
        },
        {
            content: "Confirm the order",
            trigger: ".o_quick_sale_confirm:enabled",
            run: "click",
        },
        {
            content: "The confirmed order is open",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=sale]",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains(Bakkerij Snelle Service)",
        },
    ],
});
