/* Copyright 2026 BimBonBon
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {serializeDate, today} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {useDebounced} from "@web/core/utils/timing";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";

const PRODUCT_LIMIT = 60;
const CUSTOMER_LIMIT = 8;

/**
 * "Snelle verkoop": a touch screen to take an order at the customer. Pick the customer, tap
 * products, pick the delivery date, confirm. The order is made and confirmed on the server by
 * sale.order.quick's action_confirm_order, which checks who may do it.
 */
export class QuickSale extends Component {
    static template = "bimbonbon_crm.QuickSale";
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.state = useState({
            customerQuery: "",
            customers: [],
            customer: null,
            productQuery: "",
            products: [],
            quantities: {},
            date: "",
            busy: false,
        });
        this.productNames = {};
        this.searchCustomers = useDebounced(() => this.loadCustomers(), 250);
        this.searchProducts = useDebounced(() => this.loadProducts(), 250);
        onWillStart(() => this.loadProducts());
    }

    get datePresets() {
        const start = today();
        return [
            {label: _t("Tomorrow"), value: serializeDate(start.plus({days: 1}))},
            {label: _t("Day after tomorrow"), value: serializeDate(start.plus({days: 2}))},
            {label: _t("In a week"), value: serializeDate(start.plus({weeks: 1}))},
        ];
    }

    get minDate() {
        return serializeDate(today());
    }

    get lines() {
        return Object.entries(this.state.quantities).map(([id, quantity]) => ({
            id: Number(id),
            quantity,
            name: this.productNames[id],
        }));
    }

    get canConfirm() {
        return Boolean(
            this.state.customer && this.state.date && this.lines.length && !this.state.busy
        );
    }

    // --- customers -----------------------------------------------------------------------

    customerDomain(query) {
        const terms = [
            ["name", "ilike", query],
            ["customer_number", "=", query.toUpperCase()],
        ];
        // Phone numbers are stored as typed or in international form (+31 30 ...): search the
        // digits without the national 0, found inside both "030 1234567" and "+31301234567".
        const digits = query.replace(/\D/g, "").replace(/^0+/, "");
        if (digits.length >= 3) {
            terms.push(["phone_mobile_search", "ilike", digits]);
        }
        const orTerms = [...Array(terms.length - 1).fill("|"), ...terms];
        return [["parent_id", "=", false], ...orTerms];
    }

    async loadCustomers() {
        const query = this.state.customerQuery.trim();
        if (!query) {
            this.state.customers = [];
            return;
        }
        this.state.customers = await this.orm.searchRead(
            "res.partner",
            this.customerDomain(query),
            ["display_name", "customer_number", "phone", "city"],
            {limit: CUSTOMER_LIMIT, order: "name"}
        );
    }

    onCustomerInput(ev) {
        this.state.customerQuery = ev.target.value;
        this.searchCustomers();
    }

    selectCustomer(customer) {
        this.state.customer = customer;
        this.state.customers = [];
        this.state.customerQuery = "";
    }

    clearCustomer() {
        this.state.customer = null;
    }

    // --- products ------------------------------------------------------------------------

    async loadProducts() {
        const query = this.state.productQuery.trim();
        const domain = [["sale_ok", "=", true]];
        if (query) {
            domain.push("|", ["name", "ilike", query], ["default_code", "ilike", query]);
        }
        this.state.products = await this.orm.searchRead(
            "product.product",
            domain,
            ["display_name", "default_code"],
            {limit: PRODUCT_LIMIT, order: "default_code, name"}
        );
        for (const product of this.state.products) {
            this.productNames[product.id] = product.display_name;
        }
    }

    onProductInput(ev) {
        this.state.productQuery = ev.target.value;
        this.searchProducts();
    }

    quantity(productId) {
        return this.state.quantities[productId] || 0;
    }

    add(productId, delta) {
        const quantity = Math.max(this.quantity(productId) + delta, 0);
        if (quantity) {
            this.state.quantities[productId] = quantity;
        } else {
            delete this.state.quantities[productId];
        }
    }

    // --- date and confirmation -----------------------------------------------------------

    setDate(value) {
        this.state.date = value;
    }

    onDateInput(ev) {
        this.state.date = ev.target.value;
    }

    async confirm() {
        if (!this.canConfirm) {
            return;
        }
        this.state.busy = true;
        try {
            const [quickId] = await this.orm.create("sale.order.quick", [
                {
                    partner_id: this.state.customer.id,
                    commitment_date: this.state.date,
                    line_ids: this.lines.map((line) => [
                        0,
                        0,
                        {product_id: line.id, quantity: line.quantity},
                    ]),
                },
            ]);
            const action = await this.orm.call("sale.order.quick", "action_confirm_order", [
                [quickId],
            ]);
            this.notification.add(_t("The order is confirmed."), {type: "success"});
            await this.action.doAction(action, {clearBreadcrumbs: true});
        } catch (error) {
            this.state.busy = false;
            throw error;
        }
    }
}

registry.category("actions").add("bimbonbon_crm.quick_sale", QuickSale);
