/* Copyright 2026 BimBonBon
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// Run by test_ticket_resolution_tour.py on a desktop as customer service with warehouse
// rights: a fault ticket on a mixer under warranty is solved by a free replacement, delivered
// from stock. The ticket, the registration and the stock are created by the Python test.
registry.category("web_tour.tours").add("bimbonbon_ticket_replacement", {
    steps: () => [
        {
            content: "The ticket offers a replacement, and says the warranty makes it free",
            trigger: ".o_form_view button.o_bimbonbon_resolve_replacement:contains(warranty, free)",
            run: "click",
        },
        {
            content: "The replacement is free: confirm it, which makes the order",
            trigger: ".o_form_view .o_field_widget[name=in_warranty] input:checked",
        },
        {
            trigger: ".o_form_view button.o_bimbonbon_resolution_confirm:contains(Create replacement order)",
            run: "click",
        },
        {
            content: "The confirmed order at zero price is open",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=sale]",
        },
        {
            content: "Open its delivery",
            trigger: ".o_form_view button[name=action_view_delivery]",
            run: "click",
        },
        {
            content: "The warehouse validates the delivery (the serial number is reserved)",
            trigger: ".o_form_view button[name=button_validate]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
        {
            content: "Back to the ticket (the first breadcrumb, folded away)",
            trigger: ".o_breadcrumb .breadcrumb-item button:has(.oi-ellipsis-h)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains(Mixer stops)",
            run: "click",
        },
        {
            content: "The ticket is solved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Solved)",
        },
        {
            content: "Its resolution tab shows the replacement done",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Resolution)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=resolution_ids] .o_data_row:contains(Replacement):contains(Done)",
        },
    ],
});
