// Load as the first element inside <body>, as an external classic script
// (the Content-Security-Policy forbids inline scripts):
//   <script src="{% static 'js/init.js' %}"></script>
// GOV.UK Frontend styles and components check these classes; the module
// check matches GOV.UK Frontend's own support test.
(function () {
  var body = document.body;
  body.classList.add("js-enabled");
  if ("noModule" in HTMLScriptElement.prototype) {
    body.classList.add("govuk-frontend-supported");
  }
})();
