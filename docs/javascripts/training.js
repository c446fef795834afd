// Print buttons of the training pages: hidden until this script can make them work.
document.querySelectorAll("[data-gpl-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
