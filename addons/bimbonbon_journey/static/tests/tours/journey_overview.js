/* Copyright 2026 BimBonBon
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// Run by test_journey_tour.py as management: the overview is their start page; the phone
// share of this month is clicked and the phone tickets of this month are listed.
registry.category("web_tour.tours").add("bimbonbon_journey_overview", {
    steps: () => [
        {
            content: "Management starts on the overview, with a column per phase",
            trigger: ".o_bimbonbon_journey .o_kanban_group:contains(Service) .o_bimbonbon_journey_kpi_phone_share",
        },
        {
            content: "Filter on this month",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: ".o_filter_menu .o_menu_item:contains(This month)",
            run: "click",
        },
        {
            content: "Three of the four contacts this month came by phone",
            trigger: ".o_bimbonbon_journey_kpi_phone_share .o_bimbonbon_journey_value:contains(75 %)",
            run: "click",
        },
        {
            content: "The phone tickets of this month are listed",
            trigger: ".o_list_view .o_data_row:contains(Journey phone)",
        },
        {
            trigger: ".o_breadcrumb:contains(Phone share)",
        },
        {
            content: "Only those three",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Journey portal)))",
            run: () => {
                const rows = document.querySelectorAll(".o_list_view .o_data_row");
                if (rows.length !== 3) {
                    throw new Error(`expected 3 phone tickets, got ${rows.length}`);
                }
            },
        },
    ],
});
