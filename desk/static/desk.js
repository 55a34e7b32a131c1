// Loa desk: a little progressive enhancement. Every page works without it.
// "Nghe thử": start the clip at once (the <audio> element beside the button also works on its own).
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.play");
  if (!button) return;
  var box = button.parentElement;
  var audio = box.querySelector("audio");
  var status = box.querySelector(".player-status");
  status.textContent = "Đang chuẩn bị âm thanh…";
  audio.addEventListener("canplay", function () { status.textContent = ""; }, { once: true });
  audio.addEventListener("error", function () {
    status.textContent = "Không phát được: hãy thử lại hoặc tải tệp MP3.";
  }, { once: true });
  audio.load();
  var played = audio.play();
  if (played && played.catch) played.catch(function () { status.textContent = "Bấm nút phát trên thanh âm thanh."; });
});
// Confirm before a leader approves or rejects, or someone withdraws: it goes out, or to the author and the log.
document.addEventListener("submit", function (event) {
  var asking = event.submitter && event.submitter.getAttribute("data-confirm");
  var danger = event.target.querySelector("button.danger");
  var question = asking || (danger && danger.textContent.trim() + "?");
  if (question && !window.confirm(question)) event.preventDefault();
});
// Bulk approval: an article's "Duyệt" box opens once its clip has been heard to the end.
document.addEventListener("ended", function (event) {
  var id = event.target.getAttribute && event.target.getAttribute("data-unlocks");
  var box = id && document.getElementById(id);
  if (box) { box.disabled = false; box.checked = true; }
}, true);
// Select the calendar address so it can be copied in one tap.
var feed = document.getElementById("feed-url");
if (feed) feed.addEventListener("focus", function () { feed.select(); });
// The operator's program page: a time in the list jumps the program's player there.
document.addEventListener("click", function (event) {
  var seek = event.target.closest("button.seek");
  var audio = seek && document.getElementById(seek.getAttribute("data-player"));
  if (!audio) return;
  audio.currentTime = parseFloat(seek.getAttribute("data-seek")) || 0;
  var played = audio.play();
  if (played && played.catch) played.catch(function () {});
});
