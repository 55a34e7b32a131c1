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
// Confirm before a leader rejects or someone withdraws: the reason goes to the author and the log.
document.addEventListener("submit", function (event) {
  var danger = event.target.querySelector("button.danger");
  if (danger && !window.confirm(danger.textContent.trim() + "?")) event.preventDefault();
});
// Select the calendar address so it can be copied in one tap.
var feed = document.getElementById("feed-url");
if (feed) feed.addEventListener("focus", function () { feed.select(); });
