// A "Print" button for staff pages that have one (progressive enhancement: without
// JavaScript the button stays hidden and the browser's own Print menu does the same).
"use strict";
document.querySelectorAll("[data-print-button]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
        window.print();
    });
});
