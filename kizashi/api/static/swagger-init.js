// Starts Swagger UI on /api/v1/docs with the API's own OpenAPI document. A file of its own
// (not an inline script), so that the page's Content-Security-Policy can allow this origin only.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
