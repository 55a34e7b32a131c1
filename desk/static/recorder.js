// "Thu âm": record a reading in the browser (MediaRecorder, no plugin), with a level meter and a time
// counter; listen, record again, or keep: the take goes through the upload form like a chosen file.
(function () {
  var box = document.getElementById("recorder");
  var form = document.getElementById("recording-form");
  if (!box || !form || !window.MediaRecorder || !navigator.mediaDevices) return;
  box.hidden = false;
  var $ = function (id) { return document.getElementById(id); };
  var start = $("rec-start"), stop = $("rec-stop"), again = $("rec-again"), keep = $("rec-keep");
  var level = $("rec-level"), time = $("rec-time"), listen = $("rec-listen"), status = $("rec-status");
  var recorder = null, chunks = [], take = null, stream = null, timer = null, began = 0, audioContext = null;

  function show(el, on) { el.hidden = !on; }
  function clock() {
    var s = Math.floor((Date.now() - began) / 1000);
    time.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function meter(source) {
    audioContext = new (window.AudioContext || window.webkitAudioContext)();
    var analyser = audioContext.createAnalyser();
    analyser.fftSize = 1024;
    audioContext.createMediaStreamSource(source).connect(analyser);
    var data = new Float32Array(analyser.fftSize);
    return function () {
      analyser.getFloatTimeDomainData(data);
      var peak = 0;
      for (var i = 0; i < data.length; i++) peak = Math.max(peak, Math.abs(data[i]));
      level.value = peak;
    };
  }
  function finish() {
    clearInterval(timer);
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    if (audioContext) audioContext.close();
    level.value = 0;
  }
  start.addEventListener("click", function () {
    status.textContent = "Đang mở micrô…";
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (s) {
      stream = s;
      var type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"].find(function (t) {
        return MediaRecorder.isTypeSupported(t);
      });
      recorder = type ? new MediaRecorder(s, { mimeType: type }) : new MediaRecorder(s);
      chunks = [];
      recorder.ondataavailable = function (e) { if (e.data.size) chunks.push(e.data); };
      recorder.onstop = function () {
        finish();
        take = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
        listen.src = URL.createObjectURL(take);
        show(listen, true); show(again, true); show(keep, true); show(start, false);
        stop.disabled = true;
        status.textContent = "Nghe lại bản vừa thu; bấm «Giữ bản này» để lưu, hoặc «Thu lại».";
      };
      var tick = meter(s);
      began = Date.now();
      timer = setInterval(function () { clock(); tick(); }, 100);
      recorder.start(1000);
      start.disabled = true; stop.disabled = false;
      status.textContent = "Đang thu âm…";
    }).catch(function (err) {
      status.textContent = "Không mở được micrô (" + err.name + "): hãy cho phép trình duyệt dùng micrô, hoặc tải tệp lên.";
    });
  });
  stop.addEventListener("click", function () { if (recorder && recorder.state !== "inactive") recorder.stop(); });
  again.addEventListener("click", function () {
    take = null; listen.removeAttribute("src"); time.textContent = "0:00";
    show(listen, false); show(again, false); show(keep, false); show(start, true);
    start.disabled = false;
    start.click();
  });
  keep.addEventListener("click", function () {
    if (!take) return;
    var ext = /mp4/.test(take.type) ? "m4a" : /ogg/.test(take.type) ? "ogg" : "webm";
    var files = new DataTransfer();
    files.items.add(new File([take], "thu-am." + ext, { type: take.type }));
    form.querySelector("input[type=file]").files = files.files;
    keep.disabled = true;
    status.textContent = "Đang lưu bản thu âm…";
    form.submit();
  });
})();
