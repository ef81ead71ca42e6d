/* Partner hand-off: "Copy link" and "Share" buttons (progressive enhancement).
   Without JavaScript the link is still shown in a read-only field and the text-message link
   works; these buttons only appear when the browser can do what they say. */
(function () {
  "use strict";
  function say(box, text) {
    var status = box.querySelector(".share-status");
    if (status) { status.textContent = text; }
  }
  function copyFrom(input) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(input.value);
    }
    input.focus();
    input.select();
    var ok = document.execCommand && document.execCommand("copy");
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }
  document.querySelectorAll("[data-share-box]").forEach(function (box) {
    var input = box.querySelector("input[readonly]");
    var copy = box.querySelector("[data-copy]");
    var share = box.querySelector("[data-web-share]");
    if (!input) { return; }
    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        copyFrom(input).then(function () {
          say(box, "Link copied. Paste it into a private message.");
        }, function () {
          input.select();
          say(box, "Copying did not work here: the link is selected, so you can copy it yourself.");
        });
      });
    }
    if (share && navigator.share) {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ text: share.getAttribute("data-text") || "", url: input.value })
          .catch(function () { /* closed by the person: nothing to say */ });
      });
    }
  });
})();
