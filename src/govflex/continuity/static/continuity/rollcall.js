// Roll call answer page: when the person ticks "send my location" (and has consented to
// location use), read the browser's position into the hidden fields before submitting.
(function () {
  "use strict";
  var form = document.getElementById("roll-call-form");
  if (!form || form.dataset.consent !== "yes") { return; }
  var box = document.getElementById("share-location");
  var status = document.getElementById("location-status");
  var lat = document.getElementById("latitude");
  var lon = document.getElementById("longitude");
  if (!box || !navigator.geolocation) { return; }
  box.addEventListener("change", function () {
    lat.value = ""; lon.value = "";
    if (!box.checked) { status.textContent = ""; return; }
    status.textContent = form.dataset.msgLocating || "";
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(6);
      lon.value = position.coords.longitude.toFixed(6);
      status.textContent = lat.value + ", " + lon.value;
    }, function (error) {
      status.textContent = error.message;
      box.checked = false;
    }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  });
}());
