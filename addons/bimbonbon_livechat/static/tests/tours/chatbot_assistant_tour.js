// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Chatbot } from "@im_livechat/core/common/chatbot_model";
import { patchWithCleanup } from "@web/../tests/helpers/utils";
import { registry } from "@web/core/registry";

const root = ".o-livechat-root:shadow";
const message = (text) => `${root} .o-mail-Message:contains("${text}")`;

// A logged-in customer asks about the mixer's beeping, gets the article, says "No" and gets
// a ticket number.
registry.category("web_tour.tours").add("bimbonbon_livechat_assistant", {
    steps: () => {
        patchWithCleanup(Chatbot, { MESSAGE_DELAY: 0, TYPING_DELAY: 0 });
        return [
            { trigger: `${root} .o-livechat-LivechatButton`, run: "click" },
            { trigger: message("I am the BimBonBon assistant") },
            { trigger: message("Describe it in your own words") },
            { trigger: `${root} .o-mail-Composer-input`, run: "edit Mijn mixer piept steeds" },
            { trigger: `${root} .o-mail-Composer-input`, run: "press Enter" },
            { trigger: message("De keukenmixer piept tijdens het kneden") },
            { trigger: message("Did this help?") },
            { trigger: `${root} button:contains("No")`, run: "click" },
            { trigger: `${root} button:contains("Make a ticket")`, run: "click" },
            { trigger: message("Your ticket") },
        ];
    },
});
