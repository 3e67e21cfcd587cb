/* Netflixleren: remember where someone is in an uploaded video, and start there next time.
   Progressive enhancement: without JavaScript the video plays and "Klaar" still saves. */
(function () {
  "use strict";
  var SAVE_EVERY_SECONDS = 15;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function save(video, done) {
    var body = {
      lesson_id: Number(video.dataset.lessonId),
      done: done,
      position: Math.floor(video.currentTime || 0)
    };
    fetch(video.dataset.progressUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body)
    }).catch(function () { /* offline: the next save or the button catches up */ });
  }

  document.querySelectorAll("video[data-progress-url]").forEach(function (video) {
    var lastSaved = 0;
    var start = Number(video.dataset.start || 0);
    if (start > 0) {
      video.addEventListener("loadedmetadata", function () {
        if (start < video.duration - 5) { video.currentTime = start; }
      }, { once: true });
    }
    video.addEventListener("timeupdate", function () {
      if (Math.abs(video.currentTime - lastSaved) >= SAVE_EVERY_SECONDS) {
        lastSaved = video.currentTime;
        save(video, false);
      }
    });
    video.addEventListener("pause", function () { save(video, false); });
    video.addEventListener("ended", function () { save(video, true); });
  });
}());
