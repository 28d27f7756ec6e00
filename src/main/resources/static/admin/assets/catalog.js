// The catalog's forms show the fields of the choice made: an element with data-shown-when="type=discount_voucher"
// (or "type=a|b") shows while the form's field named "type" has one of those values. Without script, all show.
(function () {
  function refresh(form) {
    form.querySelectorAll('[data-shown-when]').forEach(function (element) {
      var rule = element.getAttribute('data-shown-when').split('=');
      var field = form.elements.namedItem(rule[0]);
      var values = rule[1].split('|');
      element.hidden = !!field && values.indexOf(field.value) < 0;
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form').forEach(function (form) {
      if (form.querySelector('[data-shown-when]')) {
        refresh(form);
        form.addEventListener('change', function () { refresh(form); });
      }
    });
  });
})();
