/* Copyright 2026 BimBonBon
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * Push notifications on the customer's phone, from Mijn gegevens (#bimbonbon_push). Plain
 * script, no Odoo JS: the block's form posts the consent (/my/account/push) and works without
 * this file; with it, the browser's permission is asked only when the customer taps "Turn on"
 * (never on page load), then this phone subscribes with Odoo's VAPID key through the
 * customer's app service worker (/bimbonbon/service-worker.js, which shows the pushes) and
 * posts its subscription (/bimbonbon/push/subscribe, refused without consent). Turning off
 * unsubscribes this phone; the server forgets every phone of the customer.
 */
(function () {
    "use strict";

    var section = document.getElementById("bimbonbon_push");
    if (!section) {
        return;
    }
    var form = section.querySelector("form");
    var csrfToken = form.querySelector("input[name=csrf_token]").value;
    var errorBox = section.querySelector(".o_bimbonbon_push_error");
    var supported =
        window.isSecureContext &&
        "serviceWorker" in navigator &&
        "PushManager" in window &&
        "Notification" in window;

    function showError() {
        errorBox.classList.remove("d-none");
    }

    function post(url, values) {
        var body = new URLSearchParams(values);
        body.append("csrf_token", csrfToken);
        return fetch(url, {
            method: "POST",
            body: body,
            credentials: "same-origin",
            headers: { Accept: "application/json" },
        }).then(function (response) {
            if (!response.ok) {
                throw new Error("HTTP " + response.status);
            }
            return response.json();
        });
    }

    /** The VAPID key (base64url) as the bytes pushManager.subscribe() wants. */
    function keyBytes(base64url) {
        var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
        var raw = atob(base64 + "===".slice((base64.length + 3) % 4));
        return Uint8Array.from(raw, function (c) {
            return c.charCodeAt(0);
        });
    }

    function registration() {
        // the app's worker, registered by register_service_worker.js (or here, if not yet)
        return navigator.serviceWorker
            .register("/bimbonbon/service-worker.js", { scope: "/" })
            .then(function () {
                return navigator.serviceWorker.ready;
            });
    }

    function subscribe(vapidPublicKey) {
        return registration()
            .then(function (reg) {
                return reg.pushManager.subscribe({
                    userVisibleOnly: true,
                    applicationServerKey: keyBytes(vapidPublicKey),
                });
            })
            .then(function (subscription) {
                var json = subscription.toJSON();
                return post("/bimbonbon/push/subscribe", {
                    endpoint: json.endpoint,
                    p256dh: json.keys.p256dh,
                    auth: json.keys.auth,
                });
            });
    }

    /** Asks the browser's permission (in the tap), then gives consent and subscribes. */
    function turnOn(withConsent) {
        if (!supported) {
            showError();
            return;
        }
        Notification.requestPermission()
            .then(function (permission) {
                if (permission !== "granted") {
                    throw new Error("permission " + permission);
                }
                if (withConsent) {
                    return post("/my/account/push", { consent: "1" }).then(function (answer) {
                        return answer.vapid_public_key;
                    });
                }
                return section.dataset.vapidPublicKey;
            })
            .then(subscribe)
            .then(function () {
                window.location.reload();
            })
            .catch(showError);
    }

    function turnOff() {
        var done = function () {
            form.submit(); // the server withdraws the consent and forgets every phone
        };
        if (!supported) {
            done();
            return;
        }
        navigator.serviceWorker
            .getRegistration("/")
            .then(function (reg) {
                return reg && reg.pushManager.getSubscription();
            })
            .then(function (subscription) {
                return subscription && subscription.unsubscribe();
            })
            .then(done, done);
    }

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (section.dataset.consent === "1") {
            turnOff();
        } else {
            turnOn(true);
        }
    });

    // Consent given (maybe on another phone): offer to subscribe this one too.
    var deviceButton = section.querySelector(".o_bimbonbon_push_device");
    if (deviceButton && supported && Notification.permission !== "denied") {
        deviceButton.addEventListener("click", function () {
            turnOn(false);
        });
        navigator.serviceWorker
            .getRegistration("/")
            .then(function (reg) {
                return reg && reg.pushManager.getSubscription();
            })
            .then(function (subscription) {
                if (!subscription || Notification.permission !== "granted") {
                    deviceButton.classList.remove("d-none");
                    return;
                }
                // already subscribed: tell the server again (it may have forgotten this
                // phone, or the browser renewed the subscription)
                var json = subscription.toJSON();
                return post("/bimbonbon/push/subscribe", {
                    endpoint: json.endpoint,
                    p256dh: json.keys.p256dh,
                    auth: json.keys.auth,
                });
            })
            .catch(function () {});
    }
})();
