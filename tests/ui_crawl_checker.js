// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// What a person sees, checked in the browser: injected into every page of the UI crawl
// (tests/test_ui_crawl.py) before the page's own scripts run. Plain script, no Odoo module:
// it must also work on a page whose assets failed.
//
//   window.bimbonbonCrawl.check(options) -> {wide, contrast, english, dollar, stats}
//
// options: {englishWords: [...], ignoreWords: [...]}; each finding names a CSS selector and
// the text, so that a failure says what to fix.
(function () {
    "use strict";
    if (window.bimbonbonCrawl) {
        return;
    }

    const SKIP_TEXT_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SVG"]);
    // Odoo's sample data behind an empty view's help: made-up records, not ours
    const SAMPLE = ".o_view_sample_data .o_renderer, .o_sample_data_disabled";
    const INTERACTIVE = [
        "a[href]",
        "button",
        ".btn",
        "[role=button]",
        "[role=menuitem]",
        "[role=tab]",
        "[role=link]",
        "input[type=submit]",
        "input[type=button]",
        "input[type=reset]",
        "summary",
    ].join(",");

    // ------------------------------------------------------------------ helpers

    function cssPath(el) {
        const parts = [];
        for (let node = el; node && node.nodeType === 1 && parts.length < 5; node = node.parentElement) {
            if (node.id && !/^\d/.test(node.id) && document.querySelectorAll(`#${CSS.escape(node.id)}`).length === 1) {
                parts.unshift(`#${CSS.escape(node.id)}`);
                break;
            }
            let part = node.tagName.toLowerCase();
            const classes = [...node.classList].filter((c) => !/^o_(?:hover|focus|active)/.test(c)).slice(0, 3);
            if (classes.length) {
                part += "." + classes.map((c) => CSS.escape(c)).join(".");
            }
            const parent = node.parentElement;
            if (parent) {
                const same = [...parent.children].filter((c) => c.tagName === node.tagName);
                if (same.length > 1) {
                    part += `:nth-of-type(${same.indexOf(node) + 1})`;
                }
            }
            parts.unshift(part);
            if (node === document.body) {
                break;
            }
        }
        return parts.join(" > ");
    }

    function shorten(text, size = 80) {
        text = text.replace(/\s+/g, " ").trim();
        return text.length > size ? text.slice(0, size - 1) + "…" : text;
    }

    const styleCache = new Map();
    function style(el) {
        let s = styleCache.get(el);
        if (!s) {
            s = getComputedStyle(el);
            styleCache.set(el, s);
        }
        return s;
    }

    // A colour in any CSS syntax (rgb(), color(srgb ...), oklch(), ...) as [r, g, b, a], through
    // a canvas, so that whatever the browser computes can be read.
    const colorCanvas = document.createElement("canvas");
    colorCanvas.width = colorCanvas.height = 1;
    const colorContext = colorCanvas.getContext("2d", { willReadFrequently: true });
    const colorCache = new Map();
    function parseColor(value) {
        if (colorCache.has(value)) {
            return colorCache.get(value);
        }
        let result;
        const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+)(%?))?\s*\)$/.exec(value);
        if (match) {
            let alpha = match[4] === undefined ? 1 : parseFloat(match[4]);
            if (match[5]) {
                alpha /= 100;
            }
            result = [+match[1], +match[2], +match[3], alpha];
        } else if (value === "transparent") {
            result = [0, 0, 0, 0];
        } else {
            colorContext.clearRect(0, 0, 1, 1);
            colorContext.fillStyle = "rgba(0, 0, 0, 0)";
            colorContext.fillStyle = value;
            colorContext.fillRect(0, 0, 1, 1);
            const [r, g, b, a] = colorContext.getImageData(0, 0, 1, 1).data;
            result = [r, g, b, a / 255];
        }
        colorCache.set(value, result);
        return result;
    }

    function blend(top, bottom) {
        // ``top`` (any alpha) painted over the opaque ``bottom``
        const a = top[3];
        return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
    }

    function luminance(color) {
        const [r, g, b] = color.slice(0, 3).map((v) => {
            v /= 255;
            return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    function contrastRatio(a, b) {
        const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (l1 + 0.05) / (l2 + 0.05);
    }

    function hex(color) {
        return "#" + color.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
    }

    // The colours of a gradient's stops; null for an image (its colours cannot be known).
    function gradientColors(image) {
        if (!image || image === "none") {
            return [];
        }
        if (/url\(/.test(image) || !/gradient\(/.test(image)) {
            return null;
        }
        const colors = image.match(/(?:rgba?|hsla?|color|oklch|oklab|lab|lch)\([^()]*\)|#[0-9a-f]{3,8}\b/gi) || [];
        return colors.length ? colors.map(parseColor) : null;
    }

    // The opaque colours that can be behind ``el``: its background and its ancestors',
    // composited down to the white canvas (several with a gradient). null when an image is
    // behind the text: then no ratio can be computed.
    const backgroundCache = new Map();
    function backgrounds(el) {
        if (!el) {
            return [[255, 255, 255, 1]];
        }
        if (backgroundCache.has(el)) {
            return backgroundCache.get(el);
        }
        const s = style(el);
        const color = parseColor(s.backgroundColor);
        let result;
        const stops = gradientColors(s.backgroundImage);
        if (stops === null) {
            result = null;
        } else {
            let under = color[3] >= 1 ? [color] : backgrounds(el.parentElement);
            if (under && color[3] > 0 && color[3] < 1) {
                under = under.map((u) => blend(color, u));
            }
            if (under && stops.length) {
                under = stops.flatMap((stop) => under.map((u) => blend(stop, u)));
            }
            result = under;
        }
        backgroundCache.set(el, result);
        return result;
    }

    function opacity(el) {
        let value = 1;
        for (let node = el; node; node = node.parentElement) {
            value *= parseFloat(style(node).opacity);
        }
        return value;
    }

    function isVisible(el) {
        if (!el || !el.getClientRects().length) {
            return false;
        }
        const s = style(el);
        if (s.visibility !== "visible" || s.contentVisibility === "hidden") {
            return false;
        }
        const rect = el.getBoundingClientRect();
        if (rect.width < 2 || rect.height < 2) {
            return false; // zero-sized or visually hidden (screen reader text)
        }
        // off-canvas things placed outside the page
        const page = document.scrollingElement;
        if (rect.right + window.scrollX <= 0 || rect.bottom + window.scrollY <= 0) {
            return false;
        }
        if (rect.left + window.scrollX >= Math.max(page.scrollWidth, window.innerWidth)) {
            return false;
        }
        for (let node = el; node; node = node.parentElement) {
            const ns = style(node);
            if (ns.opacity === "0" || ns.clipPath === "inset(50%)" || ns.clip === "rect(0px, 0px, 0px, 0px)") {
                return false;
            }
        }
        return true;
    }

    function* textNodes(root) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
            acceptNode(node) {
                if (!node.nodeValue.trim()) {
                    return NodeFilter.FILTER_REJECT;
                }
                for (let el = node.parentElement; el && el !== root.parentElement; el = el.parentElement) {
                    if (SKIP_TEXT_TAGS.has(el.tagName.toUpperCase())) {
                        return NodeFilter.FILTER_REJECT;
                    }
                }
                if (node.parentElement.closest(SAMPLE)) {
                    return NodeFilter.FILTER_REJECT;
                }
                return NodeFilter.FILTER_ACCEPT;
            },
        });
        let node;
        while ((node = walker.nextNode())) {
            yield node;
        }
    }

    const visibleCache = new Map();
    function visibleParent(node) {
        const el = node.parentElement;
        if (!visibleCache.has(el)) {
            visibleCache.set(el, isVisible(el));
        }
        return visibleCache.get(el) ? el : null;
    }

    // Every visible text: text nodes, placeholders, the values of input buttons, the title.
    function visibleTexts() {
        const texts = [];
        for (const node of textNodes(document.body)) {
            const el = visibleParent(node);
            if (el) {
                texts.push({ text: node.nodeValue, el });
            }
        }
        for (const el of document.querySelectorAll("[placeholder], input[type=submit], input[type=button], input[type=reset]")) {
            if (isVisible(el)) {
                const text = el.getAttribute("placeholder") || el.value;
                if (text && text.trim()) {
                    texts.push({ text, el });
                }
            }
        }
        if (document.title) {
            texts.push({ text: document.title, el: null, where: "title" });
        }
        return texts;
    }

    // ------------------------------------------------------------------ the four checks

    function checkWidth() {
        const width = window.innerWidth;
        const scrollWidth = document.scrollingElement.scrollWidth;
        if (scrollWidth <= width) {
            return null;
        }
        // the elements where the overflow starts: wider than the viewport, their parent not
        const culprits = [];
        for (const el of document.body.querySelectorAll("*")) {
            if (culprits.length >= 8) {
                break;
            }
            if (!el.getClientRects().length) {
                continue;
            }
            const rect = el.getBoundingClientRect();
            const right = rect.right + window.scrollX;
            if (right <= width + 0.5 && rect.left + window.scrollX >= -0.5) {
                continue;
            }
            const parent = el.parentElement;
            const prect = parent && parent.getBoundingClientRect();
            if (parent && parent !== document.body && prect.right + window.scrollX > width + 0.5) {
                const ps = style(parent);
                if (!/hidden|auto|scroll|clip/.test(ps.overflowX)) {
                    continue; // the parent overflows too: report the parent
                }
            }
            // inside a scrolling or clipping box the page itself does not widen
            let clipped = false;
            for (let node = parent; node && node !== document.body; node = node.parentElement) {
                if (/hidden|auto|scroll|clip/.test(style(node).overflowX)) {
                    const nrect = node.getBoundingClientRect();
                    if (nrect.right + window.scrollX <= width + 0.5) {
                        clipped = true;
                        break;
                    }
                }
            }
            if (!clipped) {
                culprits.push({
                    selector: cssPath(el),
                    right: Math.round(right),
                    width: Math.round(rect.width),
                    text: shorten(el.textContent || "", 50),
                });
            }
        }
        return { scrollWidth, width, culprits };
    }

    function checkContrast() {
        const findings = [];
        let checked = 0;
        const seen = new Set();
        for (const el of document.querySelectorAll(INTERACTIVE)) {
            if (seen.has(el) || el.closest("[disabled], .disabled, [aria-disabled=true], .o_disabled")) {
                continue;
            }
            if (el.parentElement && el.parentElement.closest(INTERACTIVE)) {
                continue; // the outer link or button is checked with its whole text
            }
            seen.add(el);
            let worst = null;
            const candidates = [];
            if (el.tagName === "INPUT") {
                candidates.push({ el, text: el.value });
            } else {
                for (const node of textNodes(el)) {
                    const parent = visibleParent(node);
                    if (parent) {
                        candidates.push({ el: parent, text: node.nodeValue });
                    }
                }
            }
            for (const { el: textEl, text } of candidates) {
                if (!isVisible(textEl)) {
                    continue;
                }
                const s = style(textEl);
                const bgs = backgrounds(textEl);
                if (!bgs) {
                    continue; // text on an image
                }
                checked++;
                const fg = parseColor(s.color);
                const fgAlpha = fg.slice(0, 3).concat(fg[3] * opacity(textEl));
                const size = parseFloat(s.fontSize);
                const bold = parseInt(s.fontWeight, 10) >= 700;
                const large = size >= 24 || (size >= 18.66 && bold);
                const needed = large ? 3 : 4.5;
                for (const bg of bgs) {
                    const shown = blend(fgAlpha, bg);
                    const ratio = contrastRatio(shown, bg);
                    if (ratio < needed && (!worst || ratio < worst.ratio)) {
                        worst = {
                            selector: cssPath(el),
                            text: shorten(text, 50),
                            ratio: Math.round(ratio * 100) / 100,
                            needed,
                            color: hex(shown),
                            background: hex(bg),
                        };
                    }
                }
            }
            if (worst) {
                findings.push(worst);
            }
        }
        return { findings, checked };
    }

    function escapeRegExp(text) {
        return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }

    function englishMatcher(words) {
        const sorted = [...words].sort((a, b) => b.length - a.length).map(escapeRegExp);
        return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sorted.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
    }

    function checkEnglish(texts, options) {
        const matcher = englishMatcher(options.englishWords);
        const ignore = (options.ignoreWords || []).map((w) => w.toLowerCase());
        const findings = [];
        const seen = new Set();
        for (const { text, el, where } of texts) {
            const words = [...text.matchAll(matcher)]
                .map((m) => m[0])
                .filter((w) => !ignore.includes(w.toLowerCase()));
            if (!words.length) {
                continue;
            }
            const selector = el ? cssPath(el) : where;
            const key = selector + "|" + text;
            if (seen.has(key)) {
                continue;
            }
            seen.add(key);
            findings.push({ words: [...new Set(words)], text: shorten(text), selector });
        }
        return findings;
    }

    function checkDollar(texts) {
        const findings = [];
        for (const { text, el, where } of texts) {
            if (/\$|\bUSD\b/.test(text)) {
                findings.push({ text: shorten(text), selector: el ? cssPath(el) : where });
            }
        }
        return findings;
    }

    function check(options) {
        styleCache.clear();
        backgroundCache.clear();
        visibleCache.clear();
        const texts = visibleTexts();
        const contrast = checkContrast();
        return {
            url: location.pathname + location.search,
            wide: checkWidth(),
            contrast: contrast.findings,
            english: checkEnglish(texts, options),
            dollar: checkDollar(texts),
            stats: { texts: texts.length, links: contrast.checked },
            texts: options.dumpTexts ? texts.map((t) => shorten(t.text, 120)) : undefined,
        };
    }

    // ------------------------------------------------------------------ waiting

    // Resolves once the page is quiet: loaded, no RPC pending (web client), no OWL rendering
    // scheduled, and the DOM unchanged for ``quiet`` ms.
    function whenQuiet({ quiet = 250, timeout = 20000 } = {}) {
        return new Promise((resolve) => {
            const start = Date.now();
            let last = Date.now();
            const observer = new MutationObserver(() => {
                last = Date.now();
            });
            observer.observe(document.documentElement, {
                subtree: true,
                childList: true,
                attributes: true,
                characterData: true,
            });
            function busy() {
                if (document.readyState !== "complete") {
                    return true;
                }
                if (window.bimbonbonCrawl.pendingRpc > 0) {
                    return true;
                }
                const owl = window.odoo && odoo.loader && odoo.loader.modules.get("@odoo/owl");
                if (owl && owl.App) {
                    for (const app of owl.App.apps || []) {
                        if (app.scheduler.tasks.size) {
                            return true;
                        }
                    }
                }
                return Boolean(document.querySelector(".o_loading_indicator, .o-loading, .o_blockUI"));
            }
            (function poll() {
                const now = Date.now();
                if (busy()) {
                    last = now;
                }
                if (now - last >= quiet || now - start > timeout) {
                    observer.disconnect();
                    requestAnimationFrame(() => requestAnimationFrame(() => resolve(now - start <= timeout)));
                } else {
                    setTimeout(poll, 50);
                }
            })();
        });
    }

    function hookRpc() {
        const rpcModule = window.odoo && odoo.loader && odoo.loader.modules.get("@web/core/network/rpc");
        if (!rpcModule || !rpcModule.rpcBus || window.bimbonbonCrawl.rpcHooked) {
            return;
        }
        window.bimbonbonCrawl.rpcHooked = true;
        const pending = new Set();
        rpcModule.rpcBus.addEventListener("RPC:REQUEST", ({ detail }) => {
            pending.add(detail.data.id);
            window.bimbonbonCrawl.pendingRpc = pending.size;
        });
        rpcModule.rpcBus.addEventListener("RPC:RESPONSE", ({ detail }) => {
            pending.delete(detail.data.id);
            window.bimbonbonCrawl.pendingRpc = pending.size;
        });
    }

    function checkWords(strings, options) {
        return checkEnglish(
            strings.map((text) => ({ text, el: null, where: text })),
            options
        );
    }

    window.bimbonbonCrawl = {
        check,
        checkWords,
        whenQuiet,
        hookRpc,
        pendingRpc: 0,
        contrastRatio: (a, b) => contrastRatio(parseColor(a), parseColor(b)),
        cssPath,
        isVisible,
    };
})();
