"""The catalogue: code -> (English template, Vietnamese template). Parameters are the {names} in braces; both
templates use the same names (tests/test_catalogue.py checks it, and that every code raised is here).

The English sentence says what is wrong and how to fix it, for the CLI and the logs; the Vietnamese one is what the
desk shows a communications officer (it leaves out the CLI's flags and commands). Codes are stable: reword a template
freely, never reuse a code for another meaning. Codes are grouped by their first word.
"""

ERRORS: dict[str, tuple[str, str]] = {
    # articles
    "article.already_approved": (
        "article {article_id} is {status}, not submitted (it is already approved)",
        "Bài {article_id} đã được duyệt rồi (trạng thái «{status}»)."),
    "article.already_withdrawn": (
        "article {article_id} is already withdrawn",
        "Bài {article_id} đã được rút trước đó."),
    "article.bad_id": (
        "no article {article_id}: article ids are whole numbers from 1; see `loa article list`",
        "Không có bài {article_id}: mã bài là số nguyên từ 1."),
    "article.body_empty": (
        "the body is empty: give the article its text (--body or --body-file)",
        "Nội dung đang trống: hãy nhập nội dung bài."),
    "article.body_empty_edit": (
        "the body is empty: give the article its text",
        "Nội dung đang trống: hãy nhập nội dung bài."),
    "article.body_too_long": (
        "the text is {length:,} characters; an article holds at most {maximum:,}: split it into several articles",
        "Bài quá dài ({length} ký tự); mỗi bài tối đa {maximum} ký tự: hãy tách thành nhiều bài."),
    "article.channels_not_in_plan": (
        "channel(s) {channels} not in the plan's channels: use some of {known}",
        "Hãy chọn ít nhất một kênh đăng có trong kế hoạch ({known}); không có kênh: {channels}."),
    "article.no_author": (
        "say who wrote the article with --author NAME (a person of the plan)",
        "Hãy cho biết ai viết bài (một người có tên trong kế hoạch)."),
    "article.not_found": (
        "no article {article_id}: list them with `loa article list`",
        "Không có bài {article_id}."),
    "article.not_found_in": (
        "no article {article_id} in {commune}: list them with `loa article list`",
        "Không có bài {article_id} ở xã {commune}."),
    "article.not_submittable": (
        "article {article_id} is {status}; only a draft or rejected article can be submitted",
        "Bài {article_id} đang ở trạng thái «{status}»: chỉ bài nháp hoặc bài bị từ chối mới gửi duyệt được."),
    "article.not_submitted": (
        "article {article_id} is {status}, not submitted (submit it first)",
        "Bài {article_id} đang ở trạng thái «{status}», chưa gửi duyệt: hãy gửi duyệt trước."),
    "article.other_unit": (
        "{name} is not of {unit}, the unit of article {article_id}, and cannot {doing_en} it: ask its author or an "
        "editor of that unit",
        "Bạn ({name}) không thuộc đơn vị {unit} của bài {article_id} nên không thể làm việc này: hãy nhờ tác giả hoặc "
        "biên tập viên của đơn vị đó."),
    "article.publish_at_no_zone": (
        "--publish-at needs a time zone, e.g. 2026-03-12T17:00+07:00",
        "Thời điểm đăng cần có múi giờ, ví dụ 2026-03-12T17:00+07:00."),
    "article.publish_at_out_of_range": (
        "--publish-at {at} is not between 2000 and 2099",
        "Thời điểm đăng ({at}) phải trong khoảng năm 2000 đến 2099."),
    "article.title_empty": (
        "the title is empty: give the article a title (--title)",
        "Tiêu đề đang trống: hãy đặt tiêu đề cho bài."),
    "article.title_too_long": (
        "the title is {length} characters long; keep it under {maximum}",
        "Tiêu đề dài {length} ký tự; hãy rút gọn dưới {maximum} ký tự."),
    "article.unknown_priority": (
        "unknown priority {priority!r}: use one of {known}",
        "Mức ưu tiên «{priority}» không hợp lệ: chọn một trong {known}."),
    "article.unknown_status": (
        "unknown status {status!r}: use one of {known}",
        "Trạng thái «{status}» không hợp lệ: chọn một trong {known}."),
    "article.withdraw_forbidden": (
        "{name} cannot withdraw approved article {article_id}: ask an approver or an admin",
        "Chỉ lãnh đạo hoặc quản trị viên mới rút được bài đã duyệt ({name} không rút được bài {article_id})."),
    "article.withdraw_reason_missing": (
        "a withdrawal needs a reason (--reason): it goes into the audit log",
        "Hãy ghi lý do rút bài (lý do được lưu vào nhật ký)."),
    "article.withdrawn_no_edit": (
        "article {article_id} is withdrawn; add a new article instead",
        "Bài {article_id} đã được rút: hãy viết bài mới."),
    # the audit log
    "audit.broken_log": (
        "not signing a broken log: {problem}; run `loa audit verify`",
        "Nhật ký bị hỏng nên không ký xác nhận: {problem}. Hãy báo quản trị viên kiểm tra nhật ký."),
    "audit.not_a_public_key": (
        "{text!r} is not a public key: give the `ed25519:…` line `loa audit key` printed",
        "«{text}» không phải khóa công khai: hãy dán dòng `ed25519:…` mà Loa đã in."),
    # communes and the database
    "commune.none_loaded": (
        "no commune plan is loaded: run `loa init --plan PLAN.yaml` (or `loa demo`)",
        "Chưa nạp kế hoạch của xã nào: báo quản trị viên."),
    "commune.not_found": (
        "no commune {commune!r}: load its plan with `loa init --plan FILE`",
        "Không có xã «{commune}»: báo quản trị viên nạp kế hoạch của xã."),
    "commune.several_loaded": (
        "several communes are loaded ({communes}): choose one with --commune CODE or LOA_COMMUNE",
        "Có nhiều xã ({communes}): hãy chọn một xã."),
    "database.empty": (
        "the database is empty: run `loa init --plan PLAN.yaml` first",
        "Cơ sở dữ liệu đang trống: báo quản trị viên."),
    "database.old_schema": (
        "the database is at schema {revision}, this Loa needs {head}: run `loa init`",
        "Cơ sở dữ liệu ở phiên bản {revision}, Loa cần {head}: báo quản trị viên."),
    # channels and their tokens
    "channel.not_in_plan": (
        "channel {channel!r} is not in the plan's channels ({channels})",
        "Kênh «{channel}» không có trong kế hoạch (các kênh: {channels})."),
    "token.bad_secret_key": (
        "LOA_SECRET_KEY is not a Fernet key (32 url-safe base64 bytes): make one with `loa channel new-key` and set "
        "LOA_SECRET_KEY to it",
        "Khóa LOA_SECRET_KEY không hợp lệ nên không lưu được mã truy cập kênh: báo quản trị viên."),
    "token.malformed": (
        "the refresh token is empty or has spaces inside; paste the token alone on one line",
        "Mã làm mới đang trống hoặc có dấu cách: hãy dán riêng mã trên một dòng."),
    "token.no_secret_key": (
        "LOA_SECRET_KEY is not set, so channel tokens cannot be stored: make one with `loa channel new-key` and set "
        "LOA_SECRET_KEY to it",
        "Chưa đặt khóa LOA_SECRET_KEY nên không lưu được mã truy cập kênh: báo quản trị viên."),
    "token.not_stored": (
        "no {channel} token is stored for this commune: run `loa channel token {channel}` and paste the refresh "
        "token on stdin",
        "Xã chưa lưu mã truy cập kênh {channel}: báo quản trị viên."),
    "token.undecryptable": (
        "a stored channel token cannot be decrypted with LOA_SECRET_KEY (was the key changed?); set the old key "
        "back, or store the token again with `loa channel token`",
        "Không giải mã được mã truy cập kênh đã lưu (khóa LOA_SECRET_KEY đã đổi?): báo quản trị viên."),
    # reused (evergreen) articles
    "evergreen.other_unit": (
        "{name} is not of {unit}, the unit of article {article_id}: ask an editor of that unit or an approver",
        "Bạn ({name}) không thuộc đơn vị {unit} của bài {article_id}: hãy nhờ biên tập viên của đơn vị đó hoặc lãnh "
        "đạo duyệt bài."),
    "evergreen.withdrawn": (
        "article {article_id} is withdrawn and cannot be reused",
        "Bài {article_id} đã được rút nên không dùng lại được."),
    # accounts
    "login.throttled": (
        "too many failed logins: try again in {seconds} seconds",
        "Đăng nhập sai quá nhiều lần: hãy thử lại sau {seconds} giây."),
    "password.has_name": (
        "the password contains the login name; choose another",
        "Mật khẩu không được chứa tên đăng nhập."),
    "password.link_invalid": (
        "this password link is unknown, used or expired: ask an admin for a new one",
        "Liên kết đặt mật khẩu không đúng, đã dùng hoặc đã hết hạn: hãy xin quản trị viên liên kết mới."),
    "password.too_long": (
        "the password is longer than {maximum} characters",
        "Mật khẩu quá dài: tối đa {maximum} ký tự."),
    "password.too_short": (
        "the password has {length} characters; use at least {minimum}",
        "Mật khẩu mới có {length} ký tự; cần ít nhất {minimum} ký tự."),
    "permission.denied": (
        "{name} ({roles}) may not {action_en} in {commune}",
        "Vai trò của bạn ({name}: {roles}) không được phép làm việc này ở xã {commune}."),
    "person.no_id": (
        "no person with id {person_id}",
        "Không có người có mã {person_id}."),
    "person.not_of_commune": (
        "{name} is not a person of {commune}",
        "{name} không phải người của xã {commune}."),
    "person.not_writer": (
        "{name} holds only the {roles} role and cannot {doing_en}; ask an editor of the unit",
        "Vai trò của bạn ({name}: {roles}) không được phép làm việc này: hãy nhờ biên tập viên của đơn vị."),
    "person.unknown": (
        "unknown person {name!r}: add them under people in the plan and run `loa init --plan`",
        "Không có «{name}» trong danh sách người của kế hoạch: báo quản trị viên."),
    "topic.unknown": (
        "unknown topic {topic!r}; the plan's topics are: {known}",
        "Chủ đề «{topic}» không có trong kế hoạch: hãy chọn trong danh sách ({known})."),
    "unit.unknown": (
        "unknown unit {unit!r}; the plan's units are: {known}",
        "Đơn vị «{unit}» không có trong kế hoạch: hãy chọn trong danh sách ({known})."),
    # publications
    "publication.article_changed": (
        "article {article_id} is {status} (version {version}) since publication {publication_id} failed; approve "
        "its current version instead",
        "Bài {article_id} đã chuyển sang trạng thái «{status}» (phiên bản {version}) từ khi lượt đăng "
        "{publication_id} bị lỗi: hãy duyệt phiên bản hiện tại."),
    "publication.article_not_approved": (
        "article {article_id} is {status}; only an approved article can be published",
        "Bài {article_id} đang ở trạng thái «{status}»: chỉ bài đã duyệt mới được đăng."),
    "publication.at_before_approval": (
        "--at {at} is before article {article_id} was approved",
        "Thời điểm {at} ở trước khi bài {article_id} được duyệt."),
    "publication.at_future": (
        "--at {at} is in the future; record a publication after it happened",
        "Thời điểm {at} ở tương lai: chỉ ghi lượt đăng sau khi đã đăng."),
    "publication.at_no_zone": (
        "--at needs a time zone, e.g. 2026-03-12T17:00+07:00",
        "Thời điểm cần có múi giờ, ví dụ 2026-03-12T17:00+07:00."),
    "publication.not_failed": (
        "publication {publication_id} is {status}; only a failed publication is retried",
        "Lượt đăng {publication_id} đang ở trạng thái «{status}», không phải lỗi, nên không cần thử lại."),
    "publication.not_found": (
        "no publication {publication_id} in {commune}",
        "Không có lượt đăng {publication_id} ở xã {commune}."),
    "publication.retry_forbidden": (
        "{name} cannot retry publications: ask an approver or an admin",
        "Bạn ({name}) không được thử đăng lại: hãy nhờ lãnh đạo duyệt bài hoặc quản trị viên."),
    # radio
    "radio.already_aired": (
        "{slot} {at} is already aired (recorded by {who})",
        "Buổi phát {slot} lúc {at} đã được xác nhận phát (do {who} ghi)."),
    "radio.already_ended": (
        "radio occurrence {occurrence_id} is already {status}",
        "Buổi phát {occurrence_id} đã ở trạng thái «{status}»."),
    "radio.not_aired_yet": (
        "{slot} {at} has not aired yet; confirm it after air time",
        "Buổi phát {slot} lúc {at} chưa đến giờ phát: hãy xác nhận sau giờ phát."),
    "radio.not_delivered": (
        "radio occurrence {occurrence_id} is {status}, not delivered",
        "Buổi phát {occurrence_id} đang ở trạng thái «{status}», chưa giao chương trình."),
    "radio.not_operator": (
        "{name} holds only the {roles} role and cannot confirm radio programs; ask the operator of the loudspeakers",
        "Vai trò của bạn ({name}: {roles}) không xác nhận được chương trình truyền thanh: hãy nhờ người vận hành đài."),
    "radio.nothing_delivered": (
        "{slot} {at} is {status}: nothing was delivered to confirm",
        "Buổi phát {slot} lúc {at} đang ở trạng thái «{status}»: chưa có chương trình nào được giao để xác nhận."),
    "radio.program_locked": (
        "radio occurrence {occurrence_id} is {status}; its program can no longer change",
        "Buổi phát {occurrence_id} đang ở trạng thái «{status}»: chương trình không thay đổi được nữa."),
    "radio.was_missed": (
        "{slot} {at} was recorded missed and its items moved to the next occurrence; record a live read with "
        "`loa publication record` instead",
        "Buổi phát {slot} lúc {at} đã được ghi là lỡ phát và các tin/bài đã chuyển sang buổi sau: hãy ghi việc đọc "
        "trực tiếp thay vì xác nhận."),
    # review (four eyes)
    "review.not_approver": (
        "{name} does not hold the approver role; ask a leader named as approver in the plan",
        "Bạn ({name}) không giữ vai trò lãnh đạo duyệt bài."),
    "review.not_rejectable": (
        "article {article_id} is {status}; only a submitted article can be rejected",
        "Bài {article_id} đang ở trạng thái «{status}»: chỉ bài đang chờ duyệt mới từ chối được."),
    "review.own_article": (
        "{name} wrote article {article_id} and cannot approve or reject it (four eyes): ask another approver",
        "Bạn ({name}) là tác giả của bài {article_id} nên không thể tự duyệt hay từ chối (nguyên tắc bốn mắt): hãy "
        "nhờ một lãnh đạo khác."),
    "review.reason_missing": (
        "a rejection needs a reason (--reason) so the author knows what to change",
        "Hãy ghi lý do từ chối để tác giả biết cần sửa gì."),
    # translations
    "translation.article_withdrawn": (
        "article {article_id} is withdrawn; nothing of it goes out in any language",
        "Bài {article_id} đã được rút: không bản dịch nào của bài được đăng."),
    "translation.empty": (
        "the translation is empty: give its text with --body-file",
        "Bản dịch đang trống: hãy nhập nội dung bản dịch."),
    "translation.needs_recording": (
        "the {language} version of article {article_id} has no recording and no voice reads {language}: record it "
        "with `loa article recording {article_id} FILE --language {language} --by NAME`",
        "Bản dịch tiếng {language} của bài {article_id} chưa có bản thu âm; không giọng máy nào đọc được tiếng này: "
        "hãy thu âm trước khi gửi duyệt."),
    "translation.not_a_reader": (
        "{name} is not named in the plan as reading {language}; ask {readers}",
        "Kế hoạch chỉ giao lãnh đạo đọc được tiếng {language} duyệt bản dịch ({name} không có tên): hãy nhờ "
        "{readers}."),
    "translation.not_found": (
        "article {article_id} has no {language} version: add one with `loa article translate {article_id} "
        "--language {language} --body-file FILE --by NAME`",
        "Bài {article_id} chưa có bản dịch tiếng {language}."),
    "translation.not_rejectable": (
        "the {language} version of article {article_id} is {status}; only a submitted one can be rejected",
        "Bản dịch tiếng {language} của bài {article_id} đang ở trạng thái «{status}»: chỉ bản đang chờ duyệt mới "
        "từ chối được."),
    "translation.not_submittable": (
        "the {language} version of article {article_id} is {status}; only a draft or rejected one can be submitted",
        "Bản dịch tiếng {language} của bài {article_id} đang ở trạng thái «{status}»: chỉ bản nháp hoặc bản bị từ "
        "chối mới gửi duyệt được."),
    "translation.not_submitted": (
        "the {language} version of article {article_id} is {status}, not submitted",
        "Bản dịch tiếng {language} của bài {article_id} đang ở trạng thái «{status}», chưa gửi duyệt."),
    "translation.own_reading": (
        "{name} read the {language} version of article {article_id} and cannot approve or reject it (four eyes): "
        "ask another approver",
        "Bạn ({name}) đã đọc bản tiếng {language} của bài {article_id} nên không thể tự duyệt (nguyên tắc bốn mắt): "
        "hãy nhờ một lãnh đạo khác."),
    "translation.own_translation": (
        "{name} translated the {language} version of article {article_id} and cannot approve or reject it (four "
        "eyes): ask another approver",
        "Bạn ({name}) đã dịch bản tiếng {language} của bài {article_id} nên không thể tự duyệt (nguyên tắc bốn mắt): "
        "hãy nhờ một lãnh đạo khác."),
    "translation.reason_missing": (
        "a rejection needs a reason (--reason) so the translator knows what to change",
        "Hãy ghi lý do từ chối để người dịch biết cần sửa gì."),
    "translation.same_language": (
        "article {article_id} is written in {language}; a translation is in another language",
        "Bài {article_id} được viết bằng tiếng {language}; bản dịch phải ở tiếng khác."),
    # articles (application layer)
    "article.needs_recording": (
        "article {article_id} is in {language} and no voice reads {language}: record it first with "
        "`loa article recording {article_id} FILE --by NAME`",
        "Bài {article_id} viết bằng tiếng {language}, không giọng máy nào đọc được: hãy thu âm trước."),
    "article.no_draft_audio": (
        "no draft to listen to: preview it again",
        "Không còn bản nghe thử: hãy bấm xem trước lần nữa."),
    "article.not_speakable": (
        "article {article_id}: {cause}",
        "Bài {article_id}: {cause}"),
    "article.publish_at_unreadable": (
        "--publish-at {at!r} is not between 2000 and 2099",
        "Thời điểm đăng phải trong khoảng năm 2000 đến 2099 (đã nhập «{at}»)."),
    # the audit key, checkpoints and journal
    "audit.checkpoint_folder": (
        "--checkpoint {path} is a folder; give a file",
        "{path} là thư mục: hãy chọn một tệp điểm kiểm."),
    "audit.checkpoint_missing": (
        "--checkpoint {path}: no such file",
        "Không có tệp điểm kiểm {path}."),
    "audit.checkpoint_no_line": (
        "--checkpoint {path} holds no `{prefix}` line: give a file saved from `loa audit export`, "
        "`loa audit checkpoint` or the commune's feed",
        "Tệp {path} không có dòng `{prefix}` nào: hãy dùng tệp điểm kiểm Loa đã xuất hoặc bản tin của xã."),
    "audit.checkpoint_unreadable": (
        "--checkpoint {path}: cannot be read ({why})",
        "Không đọc được tệp điểm kiểm {path} ({why})."),
    "audit.journal_cannot_append": (
        "cannot append to the checkpoint journal {path} ({why}): restore it or set LOA_AUDIT_JOURNAL",
        "Không ghi thêm được vào sổ điểm kiểm {path} ({why}): báo quản trị viên."),
    "audit.journal_cannot_create": (
        "cannot create the checkpoint journal {path} ({why}): set LOA_AUDIT_JOURNAL to a writable place",
        "Không tạo được sổ điểm kiểm {path} ({why}): báo quản trị viên."),
    "audit.journal_cannot_write": (
        "cannot write the checkpoint journal {path} ({why})",
        "Không ghi được sổ điểm kiểm {path} ({why}): báo quản trị viên."),
    "audit.key_cannot_create": (
        "cannot create the audit key {path} ({why}): set LOA_AUDIT_KEY_FILE to a writable place",
        "Không tạo được khóa ký nhật ký {path} ({why}): báo quản trị viên."),
    "audit.key_exposed": (
        "the audit key {path} can be read by others (mode {mode:o}): run `chmod 600 {path}` (and consider it "
        "exposed: anyone who read it can sign)",
        "Khóa ký nhật ký {path} để người khác đọc được (quyền {mode:o}): báo quản trị viên ngay."),
    "audit.key_not_a_file": (
        "the audit key {path} is not a regular file: point LOA_AUDIT_KEY_FILE at the key file",
        "Khóa ký nhật ký {path} không phải một tệp: báo quản trị viên."),
    "audit.key_not_ed25519": (
        "the audit key {path} is not an Ed25519 key",
        "Khóa ký nhật ký {path} không phải khóa Ed25519: báo quản trị viên."),
    "audit.key_not_pem": (
        "the audit key {path} is not a PEM private key without a password",
        "Khóa ký nhật ký {path} không đọc được (cần khóa PEM không mật khẩu): báo quản trị viên."),
    "audit.key_too_big": (
        "the audit key {path} is {size} bytes, not a key: check LOA_AUDIT_KEY_FILE",
        "Tệp {path} nặng {size} byte, không phải khóa ký nhật ký: báo quản trị viên."),
    "audit.key_unreadable": (
        "the audit key {path} cannot be read ({why})",
        "Không đọc được khóa ký nhật ký {path} ({why}): báo quản trị viên."),
    # documents imported as articles (media/documents)
    "document.bad_utf16": (
        "{path}: broken UTF-16 text; open it and save it as UTF-8",
        "{path}: văn bản UTF-16 bị hỏng: hãy mở tệp và lưu lại với mã hóa UTF-8."),
    "document.cannot_unpack": (
        "{path}: cannot be unpacked ({detail_en}); save the document again from Word or LibreOffice, or paste its "
        "text into a .txt file",
        "Không giải nén được tệp {path}: hãy lưu lại tài liệu từ Word hoặc LibreOffice, hoặc dán nội dung vào tệp "
        ".txt."),
    "document.damaged_zip": (
        "{path}: not a real {kind_en}, or a damaged one ({detail_en}); open it in Word or LibreOffice and Save As "
        "'Word Document (.docx)'",
        "Tệp {path} bị hỏng hoặc không phải tệp Word thật: hãy mở bằng Word hoặc LibreOffice rồi lưu thành .docx."),
    "document.is_folder": (
        "{path}: is a folder; import the files in it (iter_article_files) instead",
        "{path} là thư mục: hãy chọn các tệp trong đó."),
    "document.libreoffice_failed": (
        "{path}: LibreOffice could not open it ({detail_en}); the file may be damaged: open it in Word and save it "
        "as .docx",
        "LibreOffice không mở được tệp {path}, có thể tệp bị hỏng: hãy mở bằng Word rồi lưu thành .docx."),
    "document.libreoffice_timeout": (
        "{path}: LibreOffice did not finish reading it in {seconds:.0f} s; open it in Word or LibreOffice and save "
        "it as .docx",
        "LibreOffice đọc tệp {path} quá {seconds:.0f} giây chưa xong: hãy mở bằng Word rồi lưu thành .docx."),
    "document.needs_libreoffice": (
        "{path}: reading {suffix} files needs LibreOffice; install the package libreoffice-writer (apt-get install "
        "libreoffice-writer) or save the file as .docx",
        "Máy chủ chưa đọc được tệp {suffix} ({path}): hãy lưu tệp thành .docx."),
    "document.no_body": (
        "{path}: the article '{title}' has no body; add its text below the title",
        "{path}: tệp chỉ có tiêu đề «{title}», chưa có nội dung."),
    "document.no_such_path": (
        "{path}: no such file or folder; check the path",
        "Không có tệp hay thư mục {path}."),
    "document.no_title": (
        "{path}: no title found; put the article's title on its first line",
        "{path}: không tìm thấy tiêu đề: hãy đặt tiêu đề ở dòng đầu tiên."),
    "document.not_found": (
        "{path}: file not found; check the path and name",
        "Không tìm thấy tệp {path}."),
    "document.not_real_doc": (
        "{path}: not a real Word .doc (no Word 97-2003, RTF or web-page header); open it in Word or LibreOffice "
        "and save it as .docx",
        "Tệp {path} bị hỏng hoặc không phải tệp Word .doc thật: hãy mở bằng Word rồi lưu thành .docx."),
    "document.not_real_docx": (
        "{path}: not a real Word .docx (perhaps a renamed .doc or text file); open it in Word or LibreOffice and "
        "Save As 'Word Document (.docx)'",
        "Tệp .docx bị hỏng hoặc không phải tệp Word ({path}): hãy mở bằng Word rồi lưu thành .docx."),
    "document.not_regular": (
        "{path}: not a regular file (a device or pipe); give a document file",
        "{path} không phải tệp tài liệu."),
    "document.not_utf8": (
        "{path}: not UTF-8 text (byte 0x{byte:02x} at {at}), nor TCVN3/VNI Vietnamese; open it and save it with "
        "encoding UTF-8 (Notepad: Save As, Encoding: UTF-8)",
        "Tệp {path} không phải văn bản UTF-8, cũng không phải TCVN3/VNI (byte 0x{byte:02x} ở vị trí {at}): hãy lưu "
        "lại với mã hóa UTF-8."),
    "document.outside_folder": (
        "{path}: lies outside {folder} (a mount or a link above it); copy the file into the folder",
        "Tệp {path} nằm ngoài thư mục {folder}: hãy chép tệp vào thư mục."),
    "document.pdf_no_text": (
        "{path}: this PDF has no text layer (a scan or only images); use the original document (.docx), or run "
        "text recognition (OCR) on the PDF first",
        "Tệp PDF {path} không có chữ (bản quét hoặc chỉ có hình): hãy dùng tài liệu gốc (.docx)."),
    "document.pdf_not_vietnamese": (
        "{path}: the text of this PDF does not read as Vietnamese (only {share:.0%} of its {words} words are "
        "Vietnamese syllables, e.g. {examples}): its fonts do not say which letters they draw; use the original "
        "document (.docx), or print it to PDF again",
        "Chữ trong tệp PDF {path} không đọc được thành tiếng Việt (chỉ {share:.0%} trong {words} chữ, ví dụ "
        "{examples}): hãy dùng tài liệu gốc (.docx) hoặc in lại ra PDF."),
    "document.pdf_page_unreadable": (
        "{path}: page {page} cannot be read ({detail_en}); print the PDF again",
        "Không đọc được trang {page} của tệp PDF {path}: hãy in lại ra PDF."),
    "document.pdf_password": (
        "{path}: the PDF is password-protected; save an unprotected copy",
        "Tệp PDF {path} có mật khẩu: hãy lưu một bản không mật khẩu."),
    "document.pdf_too_many_pages": (
        "{path}: {pages} pages (at most {maximum}); split the PDF",
        "Tệp PDF {path} có {pages} trang (tối đa {maximum}): hãy tách tệp."),
    "document.pdf_too_much_text": (
        "{path}: more than {maximum:,} characters of text; split it",
        "Tệp PDF {path} có hơn {maximum} ký tự: hãy tách tệp."),
    "document.pdf_unreadable": (
        "{path}: not a readable PDF ({detail_en}); open it and save or print it again as PDF, or save the original "
        "document as .docx",
        "Tệp PDF {path} bị hỏng: hãy in lại ra PDF hoặc dùng tài liệu gốc (.docx)."),
    "document.symbolic_link": (
        "{path}: a symbolic link (to {kind_en} {target}), not imported: Loa never follows links; copy the document "
        "itself into the folder",
        "{path} là liên kết (tới {target}), không nhập: hãy chép chính tài liệu vào thư mục."),
    "document.too_big": (
        "{path}: {kib:,} KiB is too big (at most {mib} MiB); split it or remove its images",
        "Tệp {path} quá lớn cho một bài ({kib} KiB, tối đa {mib} MiB): hãy tách ra hoặc bỏ bớt hình ảnh."),
    "document.too_many_parts": (
        "{path}: {parts:,} parts inside (at most {maximum:,}); save the document again from Word or LibreOffice, or "
        "paste its text into a .txt file",
        "Tệp {path} có {parts} phần bên trong (tối đa {maximum}): hãy lưu lại tài liệu từ Word hoặc dán nội dung "
        "vào tệp .txt."),
    "document.unreadable": (
        "{path}: cannot be read ({why_en}); check its permissions",
        "Không đọc được tệp {path}: hãy kiểm tra quyền đọc tệp."),
    "document.unsupported": (
        "{path}: unsupported file type '{suffix}'; save it as {save_as}",
        "Loại tệp không hỗ trợ ({suffix}): hãy lưu thành {save_as} ({path})."),
    "document.zip_bomb": (
        "{path}: {what_en}, which no real document does (a zip bomb?); not imported; save the document again from "
        "Word or LibreOffice, or paste its text into a .txt file",
        "Tệp nén {path} bung ra quá lớn, không tài liệu thật nào như vậy (có thể là «bom nén»): không nhập."),
    "document.zip_unreadable": (
        "{path}: cannot be read ({detail_en}); save the document again from Word or LibreOffice, or paste its text "
        "into a .txt file",
        "Không đọc được tệp {path}: hãy lưu lại tài liệu từ Word hoặc LibreOffice, hoặc dán nội dung vào tệp .txt."),
    "import.became_link": (
        "{path}: became a symbolic link while importing, not imported: Loa never follows links",
        "{path} vừa bị đổi thành liên kết trong lúc nhập nên không được nhập."),
    "import.no_files": (
        "no .docx, .md or .txt files in {paths}",
        "Chưa chọn tệp .docx, .md hoặc .txt nào ({paths})."),
    # languages and periods (schedules/)
    "language.not_in_plan": (
        "language {language} ({name}) is not in the plan's languages {used_en}: add it under languages in the plan "
        "and run `loa init --plan`",
        "Kế hoạch chưa có tiếng này ({name}, mã {language}): báo quản trị viên thêm vào kế hoạch."),
    "language.unknown": (
        "unknown language {language!r}: use an ISO 639-3 code, one of {known}",
        "Loa không biết tiếng «{language}»: hãy chọn một trong {known}."),
    "period.bad_form": (
        "period {period!r} is not one of {forms}, e.g. 2026-03 or 2026-Q1",
        "Kỳ báo cáo «{period}» không hợp lệ: dùng dạng {forms}, ví dụ 2026-03, 2026-Q1 hoặc 2026."),
    "period.no_half": (
        "period {period!r}: half-year {half} does not exist (H1 or H2)",
        "Kỳ báo cáo «{period}» không tồn tại: không có nửa năm {half} (chỉ H1 hoặc H2)."),
    "period.no_month": (
        "period {period!r}: month {month} does not exist (01-12)",
        "Kỳ báo cáo «{period}» không tồn tại: không có tháng {month}."),
    "period.no_quarter": (
        "period {period!r}: quarter {quarter} does not exist (Q1-Q4)",
        "Kỳ báo cáo «{period}» không tồn tại: không có quý {quarter}."),
    # the commune's own readings (lexicon)
    "lexicon.in_loa": (
        "{abbreviation} is already in Loa's lexicon (read {said!r}); nothing to add",
        "{abbreviation} đã có trong từ điển của Loa (đọc «{said}»)."),
    "lexicon.no_own_reading": (
        "{commune} has no reading of its own for {abbreviation!r}: `loa lexicon list` shows those it has",
        "Xã {commune} chưa có cách đọc riêng cho «{abbreviation}»."),
    "lexicon.not_an_abbreviation": (
        "{abbreviation!r} is not an abbreviation: write it in capitals, 2 to 12 letters or digits (such as DVCQG), "
        "without spaces or signs",
        "«{abbreviation}» không phải chữ viết tắt: viết hoa, 2 đến 12 chữ cái hoặc chữ số (như DVCQG), không dấu "
        "cách hay ký hiệu."),
    "lexicon.reading_digits": (
        "the reading {reading!r} has digits: write the numbers in words",
        "Cách đọc «{reading}» có chữ số: hãy viết số bằng chữ."),
    "lexicon.reading_empty": (
        "the reading of {abbreviation} is empty: type the words the loudspeakers should say",
        "Cách đọc của {abbreviation} đang trống: hãy gõ những chữ loa sẽ đọc."),
    "lexicon.reading_signs": (
        "the reading {reading!r} has signs the voice would read its own way: use only words",
        "Cách đọc «{reading}» có ký hiệu loa sẽ đọc theo cách riêng: chỉ dùng chữ."),
    "lexicon.reading_spelled": (
        "the reading {reading!r} has {word}, which the voice would spell: write it out in words",
        "Cách đọc «{reading}» có {word}, loa sẽ đánh vần: hãy viết rõ bằng chữ."),
    "lexicon.reading_too_long": (
        "the reading of {abbreviation} is {length} characters long; keep it under {maximum}",
        "Cách đọc của {abbreviation} dài {length} ký tự: hãy rút gọn dưới {maximum} ký tự."),
    "lexicon.taken": (
        "{abbreviation} is already read {reading!r} in this commune: remove that reading first to change it",
        "{abbreviation} đã có cách đọc «{reading}» ở xã này: bỏ cách đọc đó trước nếu muốn đổi."),
    "lexicon.taken_meanwhile": (
        "{abbreviation} was just given a reading by someone else: see `loa lexicon list`",
        "Người khác vừa thêm cách đọc cho {abbreviation}: xem Từ điển của xã."),
    # production (speech, video)
    "production.no_version": (
        "no article version {version_id} in {commune}",
        "Không có phiên bản bài {version_id} ở xã {commune}."),
    "speech.no_voice": (
        "no voice reads {language}: it goes out only as a person's recording (loa article recording {article_id} "
        "FILE --by NAME)",
        "Không giọng máy nào đọc được tiếng {language}: bài {article_id} chỉ phát bằng bản thu âm của người đọc."),
    "speech.nothing_to_say": (
        "nothing to say: the text is empty after normalization",
        "Bài không có chữ nào để đọc: hãy viết nội dung bằng chữ."),
    "speech.nothing_to_speak": (
        "nothing to speak: the text is empty once spaces, emoji and symbols are removed; write the article in words",
        "Bài không có chữ nào để đọc: hãy viết nội dung bằng chữ."),
    "speech.too_long": (
        "the text is {length:,} characters when spoken; one clip holds at most {maximum:,} (about 20 minutes): "
        "split the article into parts",
        "Bài quá dài để đọc trong một lần phát ({length} ký tự khi đọc, tối đa {maximum}, khoảng 20 phút): hãy "
        "tách thành nhiều phần."),
    "video.card_too_small": (
        "a card of {width}x{height} is too small to read; use at least 160x90",
        "Ảnh bìa {width}x{height} quá nhỏ để đọc (tối thiểu 160x90): báo quản trị viên."),
    "video.clip_length": (
        "a clip of {seconds} s cannot make a video; render the article's audio again",
        "Bản âm thanh dài {seconds} giây không làm được video: hãy tạo lại âm thanh."),
    "video.clip_missing": (
        "the audio clip {clip} is missing; render the article's audio first",
        "Chưa có bản âm thanh của bài ({clip}): hãy tạo âm thanh trước."),
    "video.empty_clip": (
        "the clip is empty; render the article's audio again",
        "Bản âm thanh của bài đang trống: hãy tạo lại âm thanh."),
    "video.empty_video": (
        "ffmpeg made an empty video from {clip}; check the clip plays",
        "Video làm từ {clip} bị rỗng: hãy kiểm tra bản âm thanh có nghe được không."),
    "video.no_font": (
        "no font {font} with Vietnamese letters was found in {folders}; install Debian's fonts-dejavu-core "
        "(apt-get install fonts-dejavu-core)",
        "Máy chủ chưa có phông chữ tiếng Việt {font} ({folders}): báo quản trị viên."),
    "video.no_part": (
        "there is no part {part}: this article makes {parts} part(s); use --part 1 to --part {parts}",
        "Video của bài này chỉ có {parts} phần, không có phần {part}."),
    "video.no_part_from_one": (
        "there is no part {part}: parts are counted from 1",
        "Không có phần {part} của video (các phần đánh số từ 1)."),
    "video.other_text": (
        "the clip was read from another text than the captions show; render the article's audio again",
        "Bản âm thanh được đọc từ nội dung khác với phụ đề: hãy tạo lại âm thanh."),
    "video.piece_not_placed": (
        "cannot place the spoken piece {piece!r} in its line; report this text",
        "Không đặt được đoạn đọc «{piece}» vào phụ đề: báo quản trị viên đoạn văn này."),
    "video.pieces_mismatch_text": (
        "the clip has {spoken} spoken pieces but the text makes {pieces}; render the article's audio again",
        "Bản âm thanh có {spoken} đoạn đọc nhưng nội dung có {pieces} đoạn: hãy tạo lại âm thanh."),
    "video.pieces_mismatch_voice": (
        "the clip has {spoken} spoken pieces but its voice reads {pieces}; render the article's audio again",
        "Bản âm thanh có {spoken} đoạn đọc nhưng giọng đọc chia thành {pieces} đoạn: hãy tạo lại âm thanh."),
    "video.no_timings": (
        "the clip does not say when each piece is spoken; render the article's audio again",
        "Bản âm thanh không ghi thời điểm đọc từng đoạn: hãy tạo lại âm thanh."),
    "voice.key_undecryptable": (
        "the stored {provider} voice key cannot be decrypted with LOA_SECRET_KEY; store it again with "
        "`loa channel token {name}`",
        "Không giải mã được khóa giọng đọc {provider} ({name}) đã lưu: báo quản trị viên."),
    "token.no_refresh": (
        "channel {channel!r} has no refresh token; use one of {known}",
        "Kênh «{channel}» không dùng mã làm mới: chọn một trong {known}."),
    # radio (application layer and desk)
    "radio.aired_twice": (
        "{slot} aired more than once on {day} ({times}): choose one with --at HH:MM",
        "Chuyên mục {slot} phát nhiều lần ngày {day} ({times}): hãy chọn giờ phát."),
    "radio.bad_day": (
        "no radio day {day!r}",
        "Ngày «{day}» không hợp lệ."),
    "radio.bad_slot_time": (
        "the slot's date or time is not valid; reload the calendar",
        "Ngày hoặc giờ của buổi phát không hợp lệ: hãy tải lại lịch."),
    "radio.no_program": (
        "no {slot} program on {day}: see `loa radio list`",
        "Không có chương trình {slot} ngày {day}."),
    "radio.no_program_at": (
        "no {slot} program on {day} at {at}: see `loa radio list`",
        "Không có chương trình {slot} ngày {day} lúc {at}."),
    "radio.no_program_for": (
        "no program for {slot} on {day} at {at}",
        "Không có chương trình {slot} ngày {day} lúc {at}."),
    "radio.slot_not_on_day": (
        "slot {slot} does not air on {day} ({rrule})",
        "Chuyên mục {slot} không phát vào ngày {day} ({rrule})."),
    "radio.too_long_for_slots": (
        "radio: about it lasts {minutes:.1f} minutes, longer than any radio slot can hold (the longest, {slot}, has "
        "{room:.1f} minutes after its jingles): split it into parts or shorten it",
        "Bài đọc mất khoảng {minutes:.1f} phút, dài hơn mọi chuyên mục truyền thanh (dài nhất là {slot}, "
        "{room:.1f} phút): hãy chia thành nhiều phần hoặc rút gọn."),
    "radio.unknown_slot": (
        "unknown radio slot {slot!r}; the plan's slots are: {known}",
        "Chuyên mục truyền thanh «{slot}» không có trong kế hoạch (các chuyên mục: {known})."),
    # recordings (a person's voice instead of the machine's)
    "recording.article_approved": (
        "article {article_id} is approved and its audio is what the leader approved; edit it (a new version goes "
        "back for approval) before recording",
        "Bài {article_id} đã được duyệt cùng phần âm thanh: hãy sửa bài (phiên bản mới được duyệt lại) rồi mới thu "
        "âm."),
    "recording.article_closed": (
        "article {article_id} is {status}; only a draft, submitted or rejected version takes a recording",
        "Bài {article_id} đang ở trạng thái «{status}»: chỉ bài nháp, chờ duyệt hoặc bị từ chối mới thu âm được."),
    "recording.clipped": (
        "{name} is clipped throughout ({share:.0%} of it is distorted at full scale); record again further from "
        "the microphone or with a lower input level",
        "Bản thu âm bị rè (quá to) suốt bài ({name}: {share:.0%}): hãy để micrô xa hơn hoặc giảm mức thu rồi thu "
        "lại."),
    "recording.empty": (
        "{name} is empty (0 bytes); record or export it again",
        "Tệp ghi âm bị hỏng hoặc không có âm thanh ({name}): hãy thu hoặc xuất lại."),
    "recording.new_version": (
        "article {article_id} got a new version while the recording was mastered; listen to the new text and "
        "record again",
        "Bài {article_id} vừa có phiên bản mới: hãy nghe lại rồi thu âm lại."),
    "recording.no_samples": (
        "{name} holds no audio samples; record or export it again",
        "Tệp ghi âm bị hỏng hoặc không có âm thanh ({name}): hãy thu hoặc xuất lại."),
    "recording.none_sent": (
        "no recording was sent: choose a file or record one with Thu âm",
        "Chưa có bản thu âm: hãy chọn tệp hoặc bấm «Thu âm»."),
    "recording.none_to_keep": (
        "article {article_id} has no recording to keep; leave out --keep-recording",
        "Bài {article_id} chưa có bản thu âm để giữ lại."),
    "recording.not_audio": (
        "{name} is {looks_en}, not a recording; give an {accepted_en} file",
        "Tệp không phải bản ghi âm ({name}): hãy gửi tệp MP3, M4A/AAC, WAV, OGG/Opus, AMR hoặc WebM."),
    "recording.silent": (
        "{name} is silent (its loudest moment is {loudest:.0f} dBFS); check that the microphone is on and not "
        "muted, then record again",
        "Bản thu âm không có tiếng ({name}: to nhất {loudest:.0f} dBFS): hãy kiểm tra micrô đã bật, chưa bị tắt "
        "tiếng, rồi thu lại."),
    "recording.too_big": (
        "{name} is {size_mb:.1f} MB, over the limit of {limit_mb:.0f} MB; export it at a lower bitrate (e.g. "
        "64 kb/s mono MP3) or shorten it",
        "Tệp ghi âm nặng {size_mb:.1f} MB, quá giới hạn {limit_mb:.0f} MB ({name}): hãy xuất lại ở 64 kb/s đơn kênh "
        "hoặc rút gọn."),
    "recording.too_long": (
        "{name} lasts {minutes:.1f} min, longer than the limit of {limit:g} min; shorten it or split the article",
        "Bản thu âm dài {minutes:.1f} phút, quá giới hạn {limit:g} phút của kế hoạch ({name}): hãy rút gọn hoặc chia "
        "bài."),
    "recording.too_long_at_least": (
        "{name} lasts at least {minutes:.1f} min, longer than the limit of {limit:g} min; shorten it or split the "
        "article",
        "Bản thu âm dài ít nhất {minutes:.1f} phút, quá giới hạn {limit:g} phút của kế hoạch ({name}): hãy rút gọn "
        "hoặc chia bài."),
    "recording.translation_approved": (
        "the {language} version of article {article_id} is approved and its audio is what the leader approved; "
        "edit it (a new version goes back for approval) before recording",
        "Bản tiếng {language} của bài {article_id} đã được duyệt cùng phần âm thanh: hãy sửa bản dịch (phiên bản "
        "mới được duyệt lại) rồi mới thu âm."),
    "recording.translation_closed": (
        "the {language} version of article {article_id} is {status}; only a draft, submitted or rejected version "
        "takes a recording",
        "Bản tiếng {language} của bài {article_id} đang ở trạng thái «{status}»: chỉ bản nháp, chờ duyệt hoặc bị "
        "từ chối mới thu âm được."),
    "recording.undecodable": (
        "{name} cannot be decoded as audio ({detail_en}); record or export it again as {accepted_en}",
        "Tệp ghi âm bị hỏng hoặc không có âm thanh ({name}): hãy thu hoặc xuất lại."),
    "recording.unreadable": (
        "cannot read {path} ({why_en}); give the path of the recording",
        "Không đọc được tệp ghi âm {path}."),
    "recording.upload_too_big": (
        "{name} is over the limit of {limit_mb:.0f} MB; export it at a lower bitrate (e.g. 64 kb/s mono MP3) or "
        "shorten it",
        "Tệp ghi âm quá giới hạn {limit_mb:.0f} MB ({name}): hãy xuất lại ở 64 kb/s đơn kênh hoặc rút gọn."),
    "recording.version_none_to_keep": (
        "version {version} of article {article_id} has no recording to keep; leave out --keep-recording",
        "Phiên bản {version} của bài {article_id} chưa có bản thu âm để giữ lại."),
    "review.own_recording": (
        "{name} read the recording of article {article_id} and cannot approve or reject it (four eyes): ask "
        "another approver",
        "Bạn ({name}) đã đọc bản thu âm của bài {article_id} nên không thể tự duyệt (nguyên tắc bốn mắt): hãy nhờ "
        "một lãnh đạo khác."),
    "translation.no_recording": (
        "article {article_id} has no {language} recording",
        "Bài {article_id} chưa có bản thu âm tiếng {language}."),
    # the command line (cli/): usage errors, shown in English; the Vietnamese is there for completeness
    "cli.bad_date": (
        "{option} {text!r} is not a date; use YYYY-MM-DD",
        "«{text}» ({option}) không phải ngày: dùng dạng YYYY-MM-DD."),
    "cli.bad_instant": (
        "{option} {text!r} is not an ISO 8601 time, e.g. 2026-03-12T17:00+07:00",
        "«{text}» ({option}) không phải thời điểm hợp lệ, ví dụ 2026-03-12T17:00+07:00."),
    "cli.bad_month": (
        "--month {month!r} is not a month such as 2026-03",
        "«{month}» không phải tháng (dạng 2026-03)."),
    "cli.bad_time": (
        "--at {text!r} is not a time of day; use HH:MM, e.g. 17:00",
        "«{text}» không phải giờ trong ngày: dùng dạng HH:MM, ví dụ 17:00."),
    "cli.base_path": (
        "--base-path {base_path!r} must start with '/', e.g. /loa",
        "Đường dẫn gốc «{base_path}» phải bắt đầu bằng «/», ví dụ /loa."),
    "cli.body_one_of": (
        "give the text with exactly one of --body or --body-file",
        "Hãy đưa nội dung bài theo đúng một cách: gõ trực tiếp hoặc từ tệp."),
    "cli.file_missing": (
        "{path}: no such file",
        "Không có tệp {path}."),
    "cli.file_not_utf8": (
        "{path}: not UTF-8 text; save it as UTF-8",
        "Tệp {path} không phải văn bản UTF-8: hãy lưu lại với mã hóa UTF-8."),
    "cli.flow_failed": (
        "the loa-publish flow run failed on Prefect: {kind_en}: {detail_en}",
        "Lượt đăng trên Prefect bị lỗi: báo quản trị viên."),
    "cli.no_password_on_stdin": (
        "no password on stdin: pipe one line in, or use --link for a one-time link",
        "Chưa có mật khẩu: hãy nhập một dòng, hoặc tạo liên kết đặt mật khẩu dùng một lần."),
    "cli.no_such_file": (
        "{option} {path}: no such file",
        "Không có tệp {path} ({option})."),
    "cli.not_a_text_file": (
        "{option} {path} is {kind_en}; give a UTF-8 text file",
        "{path} ({option}) không phải tệp văn bản: hãy chọn một tệp văn bản UTF-8."),
    "cli.option_text": (
        "{option} {cause}",
        "{option}: {cause}"),
    "cli.plan_exists": (
        "{output} exists; choose another name or add --force to replace it",
        "Tệp {output} đã có: hãy chọn tên khác hoặc cho phép ghi đè."),
    "cli.plan_no_text": (
        "{document}: no text found; is it the signed plan?",
        "Không tìm thấy chữ nào trong {document}: đây có phải kế hoạch đã ký không?"),
    "cli.plan_not_file": (
        "{output} is not a regular file; choose a file name for the plan",
        "{output} không phải một tệp: hãy chọn tên tệp cho kế hoạch."),
    "cli.prefect_runs_schedules": (
        "PREFECT_API_URL is set: the Prefect server runs prefect.yaml's schedules (`prefect deploy --all`, "
        "`prefect worker start --pool loa`); unset it to run them in this process",
        "Máy chủ Prefect đang chạy các lịch của Loa (PREFECT_API_URL đã đặt): báo quản trị viên."),
    "cli.quota_month": (
        "--month {month!r} is not a month; use YYYY-MM (or `loa quota report` for longer periods)",
        "«{month}» không phải tháng: dùng dạng YYYY-MM (kỳ dài hơn thì xem báo cáo chỉ tiêu)."),
    "cli.table_to_file": (
        "a table is for the screen: use --format csv, xlsx or html with -o",
        "Bảng chỉ để xem trên màn hình: hãy xuất ra CSV, XLSX hoặc HTML."),
    "cli.text_file_too_big": (
        "{option} {path} is {size:,} bytes; at most {limit:,} are read",
        "Tệp {path} ({option}) nặng {size} byte; chỉ đọc tối đa {limit} byte."),
    "cli.text_or_file": (
        "give exactly one of --text or --file",
        "Hãy đưa văn bản theo đúng một cách: gõ trực tiếp hoặc từ tệp."),
    "cli.token_on_stdin": (
        "paste the refresh token alone on one line of stdin, e.g. `loa channel token zalo < token.txt`",
        "Hãy dán riêng mã làm mới trên một dòng."),
    "cli.unknown_format": (
        "unknown format {format!r}: use {known}",
        "Định dạng «{format}» không hỗ trợ: dùng {known}."),
    "cli.unreadable": (
        "{option} {path}: cannot be read ({why_en})",
        "Không đọc được tệp {path} ({option})."),
    "cli.video_not_mp4": (
        "-o {output}: the video is an MP4; give a name ending in .mp4, e.g. -o tin.mp4",
        "Video là tệp MP4: hãy đặt tên tệp kết thúc bằng .mp4 (không phải {output})."),
    "cli.video_output_folder": (
        "-o {output} is a folder; give a file name ending in .mp4",
        "{output} là thư mục: hãy đặt tên tệp kết thúc bằng .mp4."),
    "cli.voice_test_no_text": (
        "give the text to say, e.g. loa voice test \"Ủy ban nhân dân xã thông báo\"",
        "Hãy gõ câu cần đọc thử, ví dụ «Ủy ban nhân dân xã thông báo»."),
    "cli.xlsx_needs_file": (
        "--format xlsx writes a workbook: give a file with -o, e.g. -o bao-cao.xlsx",
        "Báo cáo XLSX là một tệp: hãy đặt tên tệp, ví dụ bao-cao.xlsx."),
    "cli.year_out_of_range": (
        "{option} {text!r} is not between the years 2000 and 2099",
        "«{text}» ({option}) phải trong khoảng năm 2000 đến 2099."),
    "import.some_refused": (
        "{first_en} ({refused} of {total} files not imported; the others were)",
        "{refused} trong {total} tệp không được nhập; các tệp khác đã được nhập."),
    # settings (LOA_* variables)
    "settings.empty": (
        "{where} cannot be empty",
        "Cấu hình {where} không được để trống: báo quản trị viên."),
    "settings.home_is_file": (
        "{where}={home!r} is a file{at_en}, not a folder: point {where} at a folder (Loa creates it if missing)",
        "Cấu hình {where} ({home}) trỏ vào một tệp, không phải thư mục: báo quản trị viên."),
    "settings.not_a_choice": (
        "{shown} is not one of {choices}",
        "Cấu hình {shown} không hợp lệ: chọn một trong {choices}."),
    "settings.not_a_database_url": (
        "{where} is not a database URL; set {where} to sqlite:///PATH or postgresql://USER@HOST/DB",
        "Cấu hình {where} không phải địa chỉ cơ sở dữ liệu: báo quản trị viên."),
    "settings.out_of_bounds": (
        "{shown} must be {says_en} {bound}",
        "Cấu hình {shown} nằm ngoài giới hạn ({bound}): báo quản trị viên."),
    "settings.unsupported_database": (
        "{where}={shown!r}: Loa works on SQLite or PostgreSQL only{hint_en}; set {where} to sqlite:///PATH or "
        "postgresql://USER@HOST/DB",
        "Cấu hình {where} ({shown}): Loa chỉ chạy trên SQLite hoặc PostgreSQL: báo quản trị viên."),
    "settings.wrong_type": (
        "{shown} is not {example_en}",
        "Cấu hình {shown} không đúng kiểu giá trị: báo quản trị viên."),
    "period.unknown_kind": (
        "unknown report kind {kind!r}: use one of {known}",
        "Loại báo cáo «{kind}» không hợp lệ: chọn một trong {known}."),
    "audit.no_public_key": (
        "the checkpoints given cannot be checked without the installation's public key: give --public-key (the "
        "line `loa audit key` printed)",
        "Không kiểm được các điểm kiểm đã đưa khi thiếu khóa công khai của hệ thống: hãy dán dòng khóa công khai."),
    # voices (media/speech): settings and providers; the desk says who to tell
    "voice.audio_late": (
        "{provider} accepted the text but its audio did not appear within {seconds:g} s (the link still answers "
        "{last_en}); try again later or set LOA_TTS_FALLBACK",
        "{provider} đã nhận bài nhưng sau {seconds:g} giây vẫn chưa có âm thanh: hãy thử lại sau."),
    "voice.audio_link_failed": (
        "{provider} accepted the text but its audio link answered HTTP {status}; try again later",
        "{provider} đã nhận bài nhưng không tải được âm thanh (HTTP {status}): hãy thử lại sau."),
    "voice.broken_audio": (
        "{provider} sent {format} audio that is {problem_en}; try again later",
        "{provider} gửi về tệp {format} bị hỏng: hãy thử lại sau."),
    "voice.empty_audio": (
        "{provider} answered with an empty body where audio was expected; try again later",
        "{provider} không gửi âm thanh về: hãy thử lại sau."),
    "voice.no_key": (
        "{provider} has no key; set {setting}",
        "Giọng đọc {provider} chưa có khóa ({setting}): báo quản trị viên."),
    "voice.none_configured": (
        "no TTS engine is configured; set LOA_TTS_ENGINE (e.g. espeak)",
        "Chưa cấu hình giọng đọc máy nào: báo quản trị viên."),
    "voice.not_audio": (
        "{provider} answered with {sniffed_en} where {format} audio was expected; try again later or check the "
        "voice settings",
        "{provider} không gửi về âm thanh {format}: hãy thử lại sau hoặc báo quản trị viên kiểm tra giọng đọc."),
    "voice.not_json": (
        "{provider} answered with {sniffed_en} where JSON was expected (HTTP {status}); check {setting}",
        "{provider} trả lời không đúng dạng (HTTP {status}): báo quản trị viên kiểm tra {setting}."),
    "voice.piper_no_model": (
        "the piper voice needs its model: set LOA_PIPER_MODEL to the .onnx voice file",
        "Giọng đọc Piper chưa có mô hình giọng: báo quản trị viên."),
    "voice.refused": (
        "{provider} refused {attempts} times ({failure_en}); try later or set LOA_TTS_FALLBACK",
        "{provider} từ chối {attempts} lần liền: hãy thử lại sau."),
    "voice.speed_out_of_range": (
        "{provider} speaks at {low:g}–{high:g}× its normal pace, not {speed:g}; change LOA_TTS_SPEED or the plan's "
        "voice speed",
        "{provider} chỉ đọc ở tốc độ {low:g}–{high:g} lần bình thường, không phải {speed:g}: báo quản trị viên."),
    "voice.throttled": (
        "{provider} is throttling ({failure_en}) and asks to wait {seconds:.0f} s; try later, raise the plan's "
        "quota with the provider, or set LOA_TTS_FALLBACK",
        "{provider} tạm chặn vì gửi quá nhiều, cần chờ {seconds:.0f} giây: hãy thử lại sau."),
    "voice.unknown_engine": (
        "unknown TTS engine {engine!r}; use one of {known}",
        "Loa không biết giọng đọc «{engine}»: chọn một trong {known}."),
    "voice.unknown_voice": (
        "{provider} has no voice {voice!r}; use one of {known}",
        "{provider} không có giọng «{voice}»: chọn một trong {known}."),
    "voice.unreachable": (
        "{provider} could not be reached ({why_en})",
        "Không kết nối được tới {provider}: hãy thử lại sau."),
    "voice.unreachable_after": (
        "{provider} could not be reached in {attempts} attempts ({why_en}); check the network and the provider's "
        "URL setting",
        "Không kết nối được tới {provider} sau {attempts} lần thử: hãy kiểm tra mạng hoặc báo quản trị viên."),
    # the free voices (espeak-ng, Google TTS through gtts)
    "espeak.no_init": (
        "espeak-ng failed to initialise; check espeakng-loader's espeak-ng-data folder",
        "Giọng đọc espeak-ng không khởi động được: báo quản trị viên."),
    "espeak.not_loaded": (
        "libespeak-ng could not be loaded ({detail_en}); reinstall espeakng-loader in the virtualenv",
        "Không nạp được giọng đọc espeak-ng: báo quản trị viên."),
    "espeak.refused": (
        "espeak-ng refused the text (error {error}); remove unusual characters",
        "Giọng đọc espeak-ng không đọc được văn bản (lỗi {error}): hãy bỏ các ký tự lạ."),
    "espeak.unknown_voice": (
        "espeak-ng has no voice {voice!r}; use vi, vi-vn-x-central or vi-vn-x-south",
        "espeak-ng không có giọng «{voice}»: báo quản trị viên."),
    "gtts.bad_base64": (
        "Google TTS answered with audio that is not valid base64; try later or set LOA_TTS_ENGINE=espeak",
        "Google TTS gửi về âm thanh hỏng: hãy thử lại sau."),
    "gtts.no_audio": (
        "Google TTS answered without audio (the unofficial API may have changed or the language is unsupported); "
        "upgrade gtts or set LOA_TTS_ENGINE=espeak",
        "Google TTS không gửi âm thanh về: báo quản trị viên."),
    "gtts.not_mp3": (
        "Google TTS answered with data that is not MP3 audio; try later or set LOA_TTS_ENGINE=espeak",
        "Google TTS không gửi về âm thanh MP3: hãy thử lại sau."),
    "gtts.refused": (
        "Google TTS refused the request with HTTP {status} (the unofficial API may have changed); upgrade gtts or "
        "set LOA_TTS_ENGINE=espeak",
        "Google TTS từ chối yêu cầu (HTTP {status}): báo quản trị viên."),
    "gtts.refused_again": (
        "Google TTS refused {attempts} times with {failure_en} ({cause_en}); try later or set "
        "LOA_TTS_ENGINE=espeak",
        "Google TTS từ chối {attempts} lần liền: hãy thử lại sau."),
    "gtts.unreachable": (
        "Google TTS could not be reached {attempts} times ({failure_en}); check the network or set "
        "LOA_TTS_ENGINE=espeak",
        "Không kết nối được tới Google TTS sau {attempts} lần thử: hãy kiểm tra mạng hoặc thử lại sau."),
    # Piper, the offline neural voice
    "piper.bad_config": (
        "Piper voice config {config} is not a Piper .onnx.json (phoneme_id_map, espeak.voice, audio.sample_rate); "
        "set LOA_PIPER_MODEL to a Piper voice file (.onnx) with its .onnx.json beside it",
        "Tệp cấu hình giọng Piper ({config}) không đúng: báo quản trị viên."),
    "piper.bad_speaker": (
        "Piper voice {voice!r}: give the speaker number of the model (0 for one voice)",
        "Giọng Piper «{voice}» cần số người đọc của mô hình: báo quản trị viên."),
    "piper.failed": (
        "Piper could not speak with {model} ({why_en}); set LOA_PIPER_MODEL to a Piper voice file (.onnx) with its "
        ".onnx.json beside it",
        "Giọng Piper ({model}) không đọc được: báo quản trị viên."),
    "piper.no_config": (
        "Piper voice {model}: its config {config} is missing; set LOA_PIPER_MODEL to a Piper voice file (.onnx) "
        "with its .onnx.json beside it",
        "Giọng Piper {model} thiếu tệp cấu hình {config}: báo quản trị viên."),
    "piper.no_model": (
        "Piper voice {model}: no such file; set LOA_PIPER_MODEL to a Piper voice file (.onnx) with its .onnx.json "
        "beside it",
        "Không có tệp giọng Piper {model}: báo quản trị viên."),
    "piper.no_speaker": (
        "Piper voice {model} has speakers 0–{last}, not {speaker}",
        "Giọng Piper {model} chỉ có người đọc số 0–{last}, không có số {speaker}: báo quản trị viên."),
    "piper.not_loaded": (
        "Piper could not load {model} ({why_en}); set LOA_PIPER_MODEL to a Piper voice file (.onnx) with its "
        ".onnx.json beside it",
        "Không nạp được giọng Piper {model}: báo quản trị viên."),
    "piper.silent": (
        "Piper said nothing for {text!r}; check the voice's espeak language",
        "Giọng Piper không đọc ra tiếng đoạn «{text}»: báo quản trị viên."),
    # the commune plan file (schedules/): what `loa init --plan` says
    "plan.duplicate_key": (
        "line {line}: key {key!r} appears twice (first on line {first}); merge the two into one",
        "Dòng {line}: mục «{key}» xuất hiện hai lần (lần đầu ở dòng {first}): hãy gộp làm một."),
    "plan.in_file": (
        "{source}: {cause}",
        "{source}: {cause}"),
    "plan.invalid": (
        "{source}: {problem_en}",
        "Kế hoạch {source} có chỗ chưa đúng: báo quản trị viên."),
    "plan.no_file": (
        "{path}: no such plan file",
        "Không có tệp kế hoạch {path}."),
    "plan.not_a_file": (
        "{path} is {kind_en}; give a plan YAML file",
        "{path} không phải tệp kế hoạch YAML."),
    "plan.not_a_mapping": (
        "{source}: a plan is a YAML mapping with commune, units, channels, …",
        "{source}: kế hoạch phải là một bảng YAML có commune, units, channels, …"),
    "plan.not_utf8": (
        "{path}: not UTF-8 text; save the plan as UTF-8",
        "Tệp kế hoạch {path} không phải văn bản UTF-8: hãy lưu lại với mã hóa UTF-8."),
    "plan.not_yaml": (
        "{source}:{where_en} is not valid YAML ({problem_en})",
        "Tệp kế hoạch {source} không đúng cú pháp YAML."),
    "plan.read_failed": (
        "{path}: cannot be read ({why_en})",
        "Không đọc được tệp kế hoạch {path}."),
    "plan.too_big": (
        "{path} is {size:,} bytes; a plan file is at most {maximum:,}",
        "Tệp kế hoạch {path} nặng {size} byte (tối đa {maximum})."),
    "plan.unreadable": (
        "{path}: cannot be read ({why_en}); give a plan YAML file",
        "Không đọc được tệp kế hoạch {path}."),
    # posts and radio outlets (application layer)
    "post.no_clip": (
        "post {key} has no audio clip yet; it is sent once the audio is rendered",
        "Bài đăng {key} chưa có âm thanh: sẽ được gửi khi có âm thanh."),
    "post.no_key": (
        "a {channel} request without a key cannot go to the outbox; build it from a post",
        "Yêu cầu đăng lên {channel} thiếu mã bài: báo quản trị viên."),
    "post.series_unreadable": (
        "the kept progress of this video series is unreadable ({handle_en!r}); retry the publication to send it "
        "from the start",
        "Không đọc được tiến độ đăng chuỗi video này: hãy thử đăng lại từ đầu."),
    "radio.icecast_not_set": (
        "the slot names the icecast outlet but LOA_ICECAST_URL or LOA_ICECAST_PASSWORD is not set",
        "Chuyên mục phát qua Icecast nhưng chưa cấu hình máy chủ Icecast: báo quản trị viên."),
    "radio.unknown_outlet": (
        "unknown outlet {outlet!r}",
        "Loa không biết nơi nhận chương trình «{outlet}»: báo quản trị viên."),
    "radio.upload_not_set": (
        "the slot names the upload outlet but LOA_RADIO_UPLOAD_URL is not set",
        "Chuyên mục tải chương trình lên hệ thống truyền thanh IP nhưng chưa cấu hình địa chỉ: báo quản trị viên."),
    # audio (media/radio): decoding, mastering, programs
    "audio.bad_wav": (
        "unreadable WAV audio ({detail_en}); clear the TTS cache folder and render again",
        "Âm thanh WAV của giọng đọc bị hỏng: báo quản trị viên xóa bộ nhớ đệm giọng đọc rồi tạo lại."),
    "audio.encoder_failed": (
        "ffmpeg ({name}) failed: {detail_en}; check the mastering settings (bitrate, rate)",
        "Không mã hóa được âm thanh ({name}): báo quản trị viên kiểm tra cấu hình âm thanh."),
    "audio.ffmpeg_failed": (
        "ffmpeg failed: {detail_en}; check that the input is a readable audio file",
        "Không xử lý được tệp âm thanh: hãy kiểm tra tệp có nghe được không."),
    "audio.format_changes": (
        "{name} changes its audio format midway; re-encode it",
        "Tệp {name} đổi định dạng âm thanh giữa chừng: hãy xuất lại tệp."),
    "audio.no_ffmpeg": (
        "ffmpeg was not found ({detail_en}); reinstall imageio-ffmpeg in the virtualenv",
        "Máy chủ thiếu ffmpeg: báo quản trị viên."),
    "audio.no_mp3": (
        "{name} holds no MP3 audio; render it again",
        "Tệp {name} không có âm thanh MP3: hãy tạo lại."),
    "audio.not_mono_wav": (
        "expected 16-bit mono WAV from the speech engine; clear the TTS cache",
        "Giọng đọc gửi về âm thanh không đúng dạng: báo quản trị viên xóa bộ nhớ đệm giọng đọc."),
    "audio.nothing_audible": (
        "nothing audible to master; check that the text or clips are not empty",
        "Không có âm thanh nào nghe được: hãy kiểm tra nội dung hoặc các tệp âm thanh."),
    "audio.only_silence": (
        "the speech engine produced only silence; check the text or try another voice",
        "Giọng đọc chỉ tạo ra khoảng lặng: hãy kiểm tra nội dung hoặc thử giọng khác."),
    "radio.bad_jingle": (
        "the {kind} jingle {source} is not a readable file; fix the slot's {kind}_jingle",
        "Nhạc hiệu {kind} ({source}) không đọc được: báo quản trị viên sửa cấu hình chuyên mục."),
    "radio.part_format": (
        "{path} is not in the program's format; clear the radio parts cache",
        "Tệp {path} không cùng định dạng với chương trình: báo quản trị viên."),
    "radio.program_empty": (
        "program {title!r} has nothing to air: {why_en}",
        "Chương trình «{title}» không có gì để phát: không tin, bài nào vừa chuyên mục."),
    # the cloud voices' own refusals
    "voice.fpt_refused_text": (
        "FPT.AI did not accept the text ({said_en}); check the voice {voice!r} and LOA_FPT_API_KEY",
        "FPT.AI không nhận văn bản (giọng «{voice}»): báo quản trị viên."),
    "voice.google_bad_base64": (
        "Google Text-to-Speech sent audioContent that is not base64; try again later",
        "Google Text-to-Speech gửi về âm thanh hỏng: hãy thử lại sau."),
    "voice.google_no_audio": (
        "Google Text-to-Speech answered without audioContent; try again later",
        "Google Text-to-Speech không gửi âm thanh về: hãy thử lại sau."),
    "voice.piece_bytes": (
        "{provider} takes {low}–{high} bytes of text a request, not {size}",
        "{provider} chỉ nhận {low}–{high} byte văn bản mỗi lần, không phải {size}: báo quản trị viên."),
    "voice.piece_chars": (
        "{provider} takes {low}–{high} characters a request, not {size}",
        "{provider} chỉ nhận {low}–{high} ký tự mỗi lần, không phải {size}: báo quản trị viên."),
    "voice.refused_key": (
        "{provider} refused the request with HTTP {status}{said_en}; check {setting} (the key may be wrong, expired "
        "or out of credit)",
        "{provider} từ chối yêu cầu (HTTP {status}): khóa {setting} có thể sai, hết hạn hoặc hết tiền; báo quản trị "
        "viên."),
    "voice.refused_settings": (
        "{provider} refused the request with HTTP {status}{said_en}; check the voice, speed and text settings",
        "{provider} từ chối yêu cầu (HTTP {status}): báo quản trị viên kiểm tra giọng, tốc độ và văn bản."),
    "voice.viettel_refused_text": (
        "Viettel AI did not accept the text ({said_en}); check LOA_VIETTEL_TTS_TOKEN and the voice {voice!r}",
        "Viettel AI không nhận văn bản (giọng «{voice}»): báo quản trị viên."),
    "voice.zalo_refused_key": (
        "Zalo AI did not accept the text (error {error}: {said_en}); check LOA_ZALO_TTS_KEY",
        "Zalo AI không nhận văn bản (lỗi {error}): báo quản trị viên kiểm tra khóa Zalo AI."),
    "voice.zalo_refused_text": (
        "Zalo AI did not accept the text (error {error}: {said_en}); check the speaker {voice!r} (1–4) and the speed "
        "(0.8–1.2)",
        "Zalo AI không nhận văn bản (lỗi {error}, giọng «{voice}»): báo quản trị viên."),
    # radio outlets (media/radio/outlets): what the slot page and the alerts say
    "outlet.drop_folder_taken": (
        "the drop folder {folder} holds a program of {commune}: give each commune its own folder with {{commune}} in "
        "LOA_RADIO_DROP_DIR",
        "Thư mục của máy phát {folder} đang chứa chương trình của xã {commune}: báo quản trị viên tách thư mục "
        "cho từng xã."),
    "outlet.drop_folder_unwritable": (
        "cannot write the drop folder {folder}: {why_en}; check that it exists, is mounted and writable",
        "Không ghi được vào thư mục của máy phát {folder}: báo quản trị viên kiểm tra thư mục."),
    "outlet.failed_again": (
        "{what_en} failed {attempts} times; last: {last}",
        "Không thành công sau {attempts} lần thử: {last}"),
    "outlet.icecast_bad_url": (
        "Icecast URL {url!r} is not http://HOST:PORT/MOUNT; fix LOA_ICECAST_URL",
        "Địa chỉ Icecast «{url}» không đúng dạng http://HOST:PORT/MOUNT: báo quản trị viên."),
    "outlet.icecast_login_refused": (
        "Icecast at {where} refused the source login (HTTP {status}): check LOA_ICECAST_USER and "
        "LOA_ICECAST_PASSWORD",
        "Máy chủ Icecast {where} từ chối đăng nhập (HTTP {status}): báo quản trị viên."),
    "outlet.icecast_not_taken": (
        "Icecast at {where} did not take the stream ({detail_en})",
        "Máy chủ Icecast {where} không nhận luồng phát: báo quản trị viên."),
    "outlet.icecast_unreachable": (
        "Icecast at {where} cannot be reached ({why_en})",
        "Không kết nối được tới máy chủ Icecast {where}: Loa sẽ tự thử lại."),
    "outlet.icecast_url_has_login": (
        "LOA_ICECAST_URL holds a user or password: put them in LOA_ICECAST_USER and LOA_ICECAST_PASSWORD instead",
        "Địa chỉ Icecast chứa tên hoặc mật khẩu: báo quản trị viên."),
    "outlet.upload_busy": (
        "the radio system at {host} answered HTTP {status}; retrying later",
        "Hệ thống truyền thanh {host} đang bận (HTTP {status}): Loa sẽ tự thử lại."),
    "outlet.upload_refused": (
        "the radio system at {host} refused the upload: HTTP {status} {said_en}{hint_en}",
        "Hệ thống truyền thanh {host} từ chối nhận chương trình (HTTP {status}): báo quản trị viên."),
    "outlet.upload_timeout": (
        "the radio system at {host} did not answer within {seconds:.0f} s",
        "Hệ thống truyền thanh {host} không trả lời trong {seconds:.0f} giây: Loa sẽ tự thử lại."),
    "outlet.upload_unreachable": (
        "cannot reach the radio system at {host} ({why_en})",
        "Không kết nối được tới hệ thống truyền thanh {host}: Loa sẽ tự thử lại."),
    # files Loa writes, and the spoken form's limits
    "file.cannot_write": (
        "cannot write {path}: {why_en}",
        "Không ghi được tệp {path}: báo quản trị viên."),
    "file.cannot_write_fix": (
        "cannot write {path}: {why_en}; {fix_en}",
        "Không ghi được tệp {path} (ổ đĩa đầy hoặc không ghi được): báo quản trị viên."),
    "speech.number_too_big": (
        "number {value} is outside 0..10^12: write it in words or split it",
        "Số {value} quá lớn để đọc: hãy viết bằng chữ hoặc tách ra."),
    "speech.too_short_for_voice": (
        "{provider} needs at least {minimum} characters to read; the text is {text!r}: write it out in words",
        "{provider} cần ít nhất {minimum} ký tự để đọc, văn bản chỉ có «{text}»: hãy viết rõ bằng chữ."),
}
