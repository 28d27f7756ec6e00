// The rule builder shows the fields of the chosen effect only; without this script, all are shown and the others
// are ignored when the rule is saved.
document.addEventListener('DOMContentLoaded', function () {
  var type = document.getElementById('effect-type');
  if (!type) {
    return;
  }
  function show() {
    document.querySelectorAll('[data-effects]').forEach(function (field) {
      field.hidden = field.getAttribute('data-effects').split(' ').indexOf(type.value) < 0;
    });
  }
  type.addEventListener('change', show);
  show();
});
