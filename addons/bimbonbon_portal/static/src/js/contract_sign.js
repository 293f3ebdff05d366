/** @odoo-module ignore */
/* Copyright 2026 BimBonBon
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * Signing a contract on the customer app's lean page (views/contract_templates.xml), without
 * Odoo's JavaScript: Odoo's signature dialog (portal.signature_form) needs its whole frontend,
 * 3.9 MB on a phone. As Odoo's dialog does, the pad writes the typed name in a handwriting
 * font until the customer draws, and sends the name and the image (base64 PNG) to the
 * contract's /sign route (JSON-RPC, bimbonbon_crm); the server checks the image again. The
 * messages come translated from the page (hidden elements).
 */
(function () {
    "use strict";
    var section = document.querySelector(".o_bimbonbon_sign");
    if (!section) {
        return;
    }
    var canvas = section.querySelector("canvas");
    var nameInput = section.querySelector("input[name='name']");
    var submit = section.querySelector(".o_portal_sign_submit");
    var error = section.querySelector(".o_bimbonbon_sign_error");
    var context = canvas.getContext("2d");
    var drawn = false; // drawn by hand: the typed name no longer replaces the drawing
    var busy = false; // a signature on its way: one at a time
    var last = null;
    var pointer = null; // the finger (or mouse) drawing now; a second finger does not draw
    var width = 0;

    function size() {
        var ratio = window.devicePixelRatio || 1;
        width = canvas.clientWidth;
        canvas.width = Math.round(canvas.clientWidth * ratio);
        canvas.height = Math.round(canvas.clientHeight * ratio);
        context.setTransform(ratio, 0, 0, ratio, 0, 0);
        context.lineWidth = 2.5;
        context.lineCap = "round";
        context.lineJoin = "round";
        context.strokeStyle = context.fillStyle = "#1a1a1a";
    }
    function update() {
        // the pad always holds ink when there is a name: the name written, or a drawing
        submit.disabled = busy || !nameInput.value.trim();
    }
    function writeName() {
        if (drawn) {
            return;
        }
        context.clearRect(0, 0, canvas.width, canvas.height);
        var name = nameInput.value.trim();
        var height = canvas.clientHeight;
        context.font = "italic " + Math.round(height * 0.4) + "px 'Segoe Script', 'Bradley Hand', cursive";
        context.textBaseline = "middle";
        context.fillText(name, 12, height / 2, canvas.clientWidth - 24);
        update();
    }
    function point(event) {
        var box = canvas.getBoundingClientRect();
        return {x: event.clientX - box.left, y: event.clientY - box.top};
    }
    function text(selector) {
        return section.querySelector(selector).textContent.trim();
    }
    function showError(message) {
        error.textContent = message;
        error.hidden = !message;
    }

    canvas.addEventListener("pointerdown", function (event) {
        if (!event.isPrimary || event.button !== 0 || pointer !== null) {
            return;
        }
        event.preventDefault();
        pointer = event.pointerId;
        canvas.setPointerCapture(event.pointerId);
        if (!drawn) {
            context.clearRect(0, 0, canvas.width, canvas.height);
            drawn = true;
        }
        last = point(event);
        context.beginPath();
        context.arc(last.x, last.y, 1, 0, 2 * Math.PI);
        context.fill();
    });
    canvas.addEventListener("pointermove", function (event) {
        if (event.pointerId !== pointer) {
            return;
        }
        var next = point(event);
        context.beginPath();
        context.moveTo(last.x, last.y);
        context.lineTo(next.x, next.y);
        context.stroke();
        last = next;
    });
    ["pointerup", "pointercancel"].forEach(function (type) {
        canvas.addEventListener(type, function (event) {
            if (event.pointerId === pointer) {
                pointer = last = null;
            }
        });
    });
    nameInput.addEventListener("input", function () {
        writeName();
        update(); // (writeName does not when the pad holds a drawing)
    });
    section.querySelector(".o_bimbonbon_sign_clear").addEventListener("click", function () {
        drawn = false;
        writeName();
    });
    submit.addEventListener("click", function () {
        if (busy) {
            return;
        }
        busy = true;
        update();
        showError("");
        fetch(section.dataset.callUrl, {
            method: "POST",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({
                jsonrpc: "2.0",
                method: "call",
                id: Date.now(),
                params: {
                    name: nameInput.value.trim(),
                    signature: canvas.toDataURL("image/png").split(",")[1],
                },
            }),
        })
            .then(function (response) {
                return response.json();
            })
            .then(function (answer) {
                var result = answer.result || {};
                if (result.redirect_url) {
                    window.location.assign(result.redirect_url);
                    return;
                }
                busy = false;
                showError(result.error || text(".o_bimbonbon_sign_failed"));
                update();
            })
            .catch(function () {
                busy = false;
                showError(text(".o_bimbonbon_sign_offline"));
                update();
            });
    });
    // the pad shows once this script runs (its size is known then); the note for a browser
    // without JavaScript goes
    section.querySelector(".o_bimbonbon_sign_pad").hidden = false;
    section.querySelector(".o_bimbonbon_sign_nojs").remove();
    size();
    writeName();
    // a phone turned on its side widens the pad: its drawing area follows, the name is
    // written again (a drawing would be stretched, so it goes)
    if (window.ResizeObserver) {
        new ResizeObserver(function () {
            if (canvas.clientWidth && canvas.clientWidth !== width) {
                size();
                drawn = false;
                writeName();
            }
        }).observe(canvas);
    }
})();
