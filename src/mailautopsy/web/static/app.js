// Drag and drop onto the upload box; everything else works without script.
(function () {
  var box = document.querySelector(".drop");
  if (!box) return;
  var input = box.querySelector("input[type=file]");
  var names = box.querySelector(".names");
  function show() {
    var list = [];
    for (var i = 0; i < input.files.length; i++) list.push(input.files[i].name);
    names.textContent = list.join(", ");
  }
  ["dragenter", "dragover"].forEach(function (ev) {
    box.addEventListener(ev, function (e) { e.preventDefault(); box.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    box.addEventListener(ev, function (e) { e.preventDefault(); box.classList.remove("over"); });
  });
  box.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
  });
  input.addEventListener("change", show);
})();
