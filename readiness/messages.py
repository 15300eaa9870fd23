"""Every string the interview shows, in Korean and English (issue 3: no single-language UI text)."""

from __future__ import annotations

from readiness.models import Lang

MESSAGES: dict[str, dict[Lang, str]] = {
    # the scorecard on the terminal (score, demo, end of assess)
    "card.level": {"ko": "수준", "en": "Level"},
    "card.points": {"ko": "점수", "en": "Points"},
    "card.completeness": {"ko": "응답률", "en": "Answered"},
    "card.dimension": {"ko": "영역", "en": "Dimension"},
    "card.score": {"ko": "점수(0-5)", "en": "Score (0-5)"},
    "card.next": {"ko": "다음 단계까지 막는 요인", "en": "What blocks the next level"},
    "card.lift": {"ko": "다음 단계에 오르는 가장 작은 변경", "en": "Smallest set of changes to reach it"},
    "card.short": {"ko": "점수 부족", "en": "points short"},
    "card.warnings": {"ko": "확인할 점", "en": "Things to check"},
    "card.top": {"ko": "최고 단계에 도달했습니다.", "en": "This is the top of the ladder."},
    "card.unanswered": {"ko": "미응답", "en": "unanswered"},
    # --- session ---------------------------------------------------------------------------------
    "mode.self": {"ko": "자가진단", "en": "self-assessment"},
    "mode.audit": {"ko": "현장 평가(감사)", "en": "audit"},
    "intro.mode": {"ko": "진단 방식: {mode}", "en": "Mode: {mode}"},
    "intro.saving": {
        "ko": "답은 입력할 때마다 {path} 에 저장됩니다. Ctrl-C 나 q 로 언제든 멈추고 --resume 으로 이어서 할 수 있습니다.",
        "en": "Every answer is saved to {path} as you go. Stop any time with Ctrl-C or q; continue later with --resume.",
    },
    "intro.scripted": {
        "ko": "표준 입력이 터미널이 아니므로 한 줄에 답 하나씩 읽습니다. 입력이 끝나면 저장하고 멈춥니다.",
        "en": "Standard input is not a terminal: reading one reply per line; at end of input, saving and stopping.",
    },
    "intro.resume": {
        "ko": "{path} 이어서 진행: {total}개 중 {n}번째 문항부터",
        "en": "Continuing {path} at question {n} of {total}.",
    },
    "intro.complete": {
        "ko": "모든 문항에 이미 답했습니다. 답을 고치려면 파일을 직접 편집하세요.",
        "en": "Every question is already answered. To change an answer, edit the file.",
    },
    "end.saved": {
        "ko": "저장됨: {path} ({total}개 문항 중 {answered}개 응답)",
        "en": "Saved {path} ({answered} of {total} questions answered).",
    },
    "end.nothing": {
        "ko": "회사명을 입력하기 전에 멈춰서 저장된 내용이 없습니다.",
        "en": "Stopped before the company name was entered, so nothing was saved.",
    },
    "end.quit": {"ko": "저장하고 멈춥니다.", "en": "Saved; stopping here."},
    "end.eof": {"ko": "입력이 끝났습니다.", "en": "Input ended."},
    "end.interrupted": {"ko": "중단했습니다 (Ctrl-C).", "en": "Interrupted (Ctrl-C)."},
    "end.resume": {
        "ko": "이어서 하려면: readiness assess {command}",
        "en": "To continue: readiness assess {command}",
    },
    "end.done": {"ko": "모든 문항을 마쳤습니다.", "en": "All questions done."},
    "end.unanswered": {
        "ko": "건너뛴 문항 {n}개는 0점으로 계산했습니다. 나중에 답하려면: readiness assess {command}",
        "en": "{n} skipped question(s) scored 0. To answer them later: readiness assess {command}",
    },
    "end.report": {
        "ko": "보고서 작성: readiness report {path}",
        "en": "Write the report: readiness report {path}",
    },
    "end.offer_report": {
        "ko": "HTML 보고서를 {path} 에 쓸까요? (Y/n)",
        "en": "Write the HTML report to {path}? (Y/n)",
    },
    "end.report_written": {
        "ko": "보고서를 썼습니다: {path} (브라우저로 열거나 A4로 인쇄하세요)",
        "en": "Report written: {path} (open it in a browser or print it on A4)",
    },
    "error.exists": {
        "ko": "{path} 파일이 이미 있습니다. 이어서 하려면 --resume {path}, 처음부터 다시 하려면 --force, "
        "다른 파일에 쓰려면 -o 를 쓰세요.",
        "en": "{path} already exists. Use --resume {path} to continue it, --force to start over, "
        "or -o for another file.",
    },
    "error.no_file": {"ko": "{path} 파일이 없습니다.", "en": "{path} does not exist."},
    "error.no_dir": {"ko": "{path} 폴더가 없습니다.", "en": "folder {path} does not exist."},
    "error.mode": {
        "ko": "{path} 는 '{file_mode}' 모드 파일이라 --mode {mode} 로 이어갈 수 없습니다.",
        "en": "{path} is a '{file_mode}' file; it cannot be continued with --mode {mode}.",
    },
    "error.questionnaire": {
        "ko": "{path} 는 설문 {file_q} 용인데 --questionnaire 는 {given} 입니다.",
        "en": "{path} answers questionnaire {file_q}, but --questionnaire is {given}.",
    },
    "error.save": {
        "ko": "{path} 에 저장하지 못했습니다: {reason}",
        "en": "could not save {path}: {reason}",
    },
    # --- keys ------------------------------------------------------------------------------------
    "key.b": {"ko": "이전", "en": "back"},
    "key.s": {"ko": "건너뛰기", "en": "skip"},
    "key.n": {"ko": "해당 없음", "en": "not applicable"},
    "key.?": {"ko": "도움말", "en": "help"},
    "key.m": {"ko": "메모", "en": "note"},
    "key.m.audit": {"ko": "메모·증빙", "en": "note/evidence"},
    "key.q": {"ko": "저장 후 종료", "en": "save and quit"},
    # --- profile ---------------------------------------------------------------------------------
    "profile.title": {"ko": "기본 정보", "en": "Profile"},
    "profile.progress": {"ko": "{n}/{total}", "en": "{n} of {total}"},
    "profile.skip": {"ko": "Enter: 건너뛰기", "en": "Enter: skip"},
    "profile.keep": {"ko": "Enter: {value}", "en": "Enter: {value}"},
    "field.assessor_name": {"ko": "평가자 이름", "en": "Assessor's name"},
    "field.assessor_org": {"ko": "평가자 소속 기관", "en": "Assessor's organisation"},
    "field.company_name": {"ko": "회사명", "en": "Company name"},
    "field.business_number": {
        "ko": "사업자등록번호 (123-45-67890)",
        "en": "Business registration number (123-45-67890)",
    },
    "field.sector": {"ko": "업종 (한국표준산업분류)", "en": "Sector (KSIC)"},
    "field.sector.hint": {
        "ko": "번호를 고르거나 KSIC 코드를 입력하세요 (예: C29).",
        "en": "Pick a number or type a KSIC code (e.g. C29).",
    },
    "field.employees": {"ko": "종업원 수 (명)", "en": "Employees (people)"},
    "field.revenue": {
        "ko": "연매출 (원; 예: 120억, 12000000000)",
        "en": "Annual revenue, KRW (e.g. 120억 or 12000000000)",
    },
    "field.region": {"ko": "소재지 (시·도)", "en": "Region (province or metropolitan city)"},
    "field.region.hint": {"ko": "번호나 이름을 입력하세요.", "en": "Pick a number or type the name."},
    "field.site_name": {"ko": "평가 현장 (공장 이름)", "en": "Site assessed (plant name)"},
    "field.site_address": {"ko": "현장 주소", "en": "Site address"},
    "field.date": {"ko": "평가일 (YYYY-MM-DD)", "en": "Assessment date (YYYY-MM-DD)"},
    "notice.required": {"ko": "꼭 입력해야 하는 항목입니다.", "en": "This field is required."},
    "notice.too_long": {"ko": "너무 깁니다.", "en": "That is too long."},
    "notice.business_number": {
        "ko": "사업자등록번호는 숫자 10자리입니다 (예: 123-45-67890).",
        "en": "A business registration number has 10 digits (e.g. 123-45-67890).",
    },
    "notice.sector": {
        "ko": "목록의 번호나 KSIC 코드(예: C29)를 입력하세요.",
        "en": "Type a number from the list or a KSIC code such as C29.",
    },
    "notice.whole_number": {
        "ko": "0 이상의 숫자로 입력하세요 (예: 48).",
        "en": "Type a whole number, 0 or more (e.g. 48).",
    },
    "notice.revenue": {
        "ko": "원 단위 숫자나 억·만 단위로 입력하세요 (예: 12000000000, 120억, 3억 5000만).",
        "en": "Type an amount in won, e.g. 12000000000, 12,000,000,000 or 120억.",
    },
    "notice.region": {
        "ko": "목록의 번호나 시·도 이름(예: 경기, 경상남도)을 입력하세요.",
        "en": "Type a number from the list or a name such as Gyeonggi.",
    },
    "notice.date": {
        "ko": "날짜는 YYYY-MM-DD 형식으로 입력하세요 (예: 2026-03-15).",
        "en": "Write the date as YYYY-MM-DD (e.g. 2026-03-15).",
    },
    "notice.at_start_profile": {"ko": "첫 항목입니다.", "en": "This is the first field."},
    # --- questions -------------------------------------------------------------------------------
    "progress": {
        "ko": "영역 {d}/{dims} · 문항 {n}/{total}",
        "en": "dimension {d} of {dims} · question {n} of {total}",
    },
    "current.value": {"ko": "현재 답: {value}", "en": "Current answer: {value}"},
    "current.audit": {
        "ko": "현재: 기업 주장 {claimed} · 검증 {verified}",
        "en": "Current: claimed {claimed} · verified {verified}",
    },
    "current.none": {"ko": "없음", "en": "none"},
    "current.na": {"ko": "해당 없음", "en": "not applicable"},
    "current.note": {"ko": "메모: {note}", "en": "Note: {note}"},
    "current.evidence": {"ko": "증빙: {items}", "en": "Evidence: {items}"},
    "ask.value": {"ko": "답 (0-5)", "en": "Answer (0-5)"},
    "ask.claimed": {"ko": "기업 주장 (0-5)", "en": "Claimed by the company (0-5)"},
    "ask.verified": {"ko": "검증 (0-5)", "en": "Verified by you (0-5)"},
    "ask.keep": {"ko": "Enter: {value} 유지", "en": "Enter keeps {value}"},
    "ask.note": {"ko": "메모 (Enter: 그대로, -: 지우기)", "en": "Note (Enter: unchanged, -: delete)"},
    "ask.evidence": {"ko": "증빙", "en": "Evidence"},
    "hint.evidence": {
        "ko": "증빙 자료를 한 줄에 하나씩 적고 빈 줄로 끝내세요 (-: 모두 지우기).",
        "en": "List evidence one reference per line; an empty line ends (-: clear the list).",
    },
    "notice.evidence_needed": {
        "ko": "검증값이 {value}점이므로 증빙을 적어 주세요 (예: MES 화면 캡처, 점검표 2026-03).",
        "en": "Verified at {value}: please list the evidence (e.g. MES screenshot, check sheet 2026-03).",
    },
    "notice.evidence_full": {
        "ko": "증빙은 문항당 100개까지 적을 수 있습니다.",
        "en": "At most 100 evidence references per question.",
    },
    "notice.na_refused": {
        "ko": "이 문항은 '해당 없음'을 고를 수 없습니다. 0-5 중에서 답하세요.",
        "en": "This question cannot be marked not applicable; answer 0-5.",
    },
    "notice.invalid": {
        "ko": "알 수 없는 입력입니다. 0-5 숫자나 다음 키 중 하나를 입력하세요.",
        "en": "Not understood. Type a number 0-5 or one of these keys.",
    },
    "notice.empty": {
        "ko": "0-5 중 하나를 입력하세요. 건너뛰려면 s.",
        "en": "Type an answer 0-5, or s to skip.",
    },
    "notice.at_start": {"ko": "첫 문항입니다.", "en": "This is the first question."},
    "notice.help": {"ko": "도움말", "en": "Help"},
    "notice.no_help": {"ko": "이 문항에는 도움말이 없습니다.", "en": "This question has no help text."},
    "notice.note_saved": {"ko": "메모를 저장했습니다.", "en": "Note saved."},
}


def msg(key: str, lang: Lang, **params: object) -> str:
    """The message `key` in `lang`, with `{placeholders}` filled from `params`."""
    text = MESSAGES[key][lang]
    return text.format(**params) if params else text
