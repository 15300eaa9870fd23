"""The one word catalogue: every user-facing string, in Korean and English, looked up by key.

Shape: key -> {"ko": ..., "en": ...}; placeholders are `{name}` and must be the same in both
languages (tests/test_words.py). Prefixes group the keys by where they appear: `card.` the
terminal scorecard, `report.` the report, `dashboard.` the batch dashboard, `match.` programme
matching, `score.` scoring, `file.` answer-file comments; unprefixed keys belong to the interview.
Also here: the spellings a person may type for "not applicable", "yes", and the interview keys
on a Korean keyboard, so that no Korean text sits anywhere else in the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

# Replies accepted from people and files (input, not output).
NA_SPELLINGS = frozenset({"n/a", "na", "N/A", "NA", "n.a.", "해당없음", "해당 없음"})
NULL_SPELLINGS = frozenset({"", "~", "null", "Null", "NULL"})
YES_REPLIES = frozenset({"", "y", "yes", "ㅛ", "예", "네"})
# Keys typed while a Korean keyboard layout is on (2-beolsik): b→ㅠ, s→ㄴ, n→ㅜ, m→ㅡ, q→ㅂ.
# Programme names the catalogue review looked for and did not find: the loader refuses them.
INVENTED_PROGRAMME_NAMES = frozenset({"스마트제조혁신 바우처"})
KOREAN_KEYS = {"ㅠ": "b", "ㄴ": "s", "ㅜ": "n", "ㅡ": "m", "ㅂ": "q"}
# Programme vocabulary (고도화1/고도화2 = builds at 중간1 and above), never a level name (issue 9).
PROGRAMME_WORD = "고도화"

WORDS: dict[str, dict[Lang, str]] = {
    "cli.about": {
        "ko": "스마트공장 수준 자가진단: 설문, 채점, 보고서, 일괄 채점.",
        "en": "Smart-factory readiness for Korean SME manufacturers: assess, score, report, batch-score.",
    },
    "cli.outcome_fits": {"ko": "해당", "en": "fits"},
    "cli.outcome_near_miss": {"ko": "아깝게 제외", "en": "near miss"},
    "cli.outcome_excluded": {"ko": "해당 안 됨", "en": "excluded"},
    "cli.outcome_not_applicable": {"ko": "추천 대상 아님", "en": "not applicable"},
    "cli.not_read": {"ko": "읽지 않음", "en": "not read"},
    "cli.to_check": {
        "ko": "미확인 주장 (보고서에 표시 안 함)",
        "en": "Unconfirmed claims (never shown in reports)",
    },
    "card.level": {"ko": "수준", "en": "Level"},
    "card.points": {"ko": "점수", "en": "Points"},
    "card.completeness": {"ko": "응답률", "en": "Completeness"},
    "card.dimension": {"ko": "영역", "en": "Dimension"},
    "card.score": {"ko": "점수(0-5)", "en": "Score (0-5)"},
    "card.next": {"ko": "다음 단계까지 막는 요인", "en": "What blocks the next level"},
    "card.lift": {"ko": "다음 단계에 오르는 가장 작은 변경", "en": "Smallest set of changes to reach it"},
    "card.short": {"ko": "점수 부족", "en": "points short"},
    "card.warnings": {"ko": "확인할 점", "en": "Things to check"},
    "card.top": {"ko": "최고 단계에 도달했습니다.", "en": "This is the top of the ladder."},
    "card.unanswered": {"ko": "미응답", "en": "unanswered"},
    "card.audit": {"ko": "주장값과 검증값이 다른 문항", "en": "Claimed and verified differ"},
    "card.claimed": {"ko": "주장", "en": "claimed"},
    "card.verified": {"ko": "검증", "en": "verified"},
    "card.newer_version": {
        "ko": "이 파일은 {qid} {version} 판으로 채점했습니다. 새 판({newer})이 있습니다. 옮기려면: readiness migrate {file} --to {newer}",
        "en": "Scored with {qid} {version}. A newer version, {newer}, exists. To move to it: readiness migrate {file} --to {newer}",
    },
    "score.points_label": {
        "ko": "이 도구의 지수 (공식 점수 아님)",
        "en": "this tool's index, not an official score",
    },
    "mode.self": {"ko": "자가진단", "en": "Self-assessment"},
    "mode.audit": {"ko": "현장 진단", "en": "Site audit"},
    "intro.mode": {"ko": "진단 방식: {mode}", "en": "Mode: {mode}"},
    "intro.saving": {
        "ko": "답은 입력할 때마다 {path} 에 저장됩니다. Ctrl-C 나 q 로 언제든 멈추고 --resume 으로 이어서 할 수 있습니다.",
        "en": "Every answer is saved to {path} as you go. Stop any time with Ctrl-C or q; continue later with --resume.",
    },
    "intro.scripted": {
        "ko": "표준 입력이 터미널이 아니므로 한 줄에 답 하나씩 읽습니다. 입력이 끝나면 저장하고 멈춥니다.",
        "en": "Standard input is not a terminal: reading one reply per line; at end of input, saving and stopping.",
    },
    "intro.resume_profile": {
        "ko": "{path} 이어서 진행: 기본 정보의 남은 항목부터",
        "en": "Continuing {path} with the rest of the profile.",
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
    "end.report_failed": {
        "ko": "보고서를 쓰지 못했습니다: {path}: {reason} (응답 파일은 저장되어 있습니다)",
        "en": "could not write the report {path}: {reason} (the answer file is saved)",
    },
    "end.report_written": {
        "ko": "보고서를 썼습니다: {path} (브라우저로 열거나 A4로 인쇄하세요)",
        "en": "Report written: {path} (open it in a browser or print it on A4)",
    },
    "error.exists": {
        "ko": "{path} 파일이 이미 있습니다. 이어서 하려면 --resume {path}, 처음부터 다시 하려면 --force, 다른 파일에 쓰려면 -o 를 쓰세요.",
        "en": "{path} already exists. Use --resume {path} to continue it, --force to start over, or -o for another file.",
    },
    "error.not_a_file": {
        "ko": "{path} 은(는) 일반 파일이 아니라서 답을 저장할 수 없습니다. 파일 이름을 주세요.",
        "en": "{path} is not a regular file; answers cannot be saved there. Give a file name.",
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
    "error.save": {"ko": "{path} 에 저장하지 못했습니다: {reason}", "en": "could not save {path}: {reason}"},
    "key.b": {"ko": "이전", "en": "back"},
    "key.s": {"ko": "건너뛰기", "en": "skip"},
    "key.n": {"ko": "해당 없음", "en": "not applicable"},
    "key.?": {"ko": "도움말", "en": "help"},
    "key.m": {"ko": "메모", "en": "note"},
    "key.m.audit": {"ko": "메모·증빙", "en": "note/evidence"},
    "key.q": {"ko": "저장 후 종료", "en": "save and quit"},
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
        "ko": "KSIC 코드(C30, 30)나 업종 이름 일부(자동차)를 입력하세요. 목록에 없는 KSIC 코드도 됩니다.",
        "en": "Type a KSIC code (C30, 30) or part of a name (motor). Any other KSIC code works too.",
    },
    "field.employees": {"ko": "종업원 수 (명)", "en": "Employees (people)"},
    "field.revenue": {
        "ko": "연매출 (원; 예: 120억, 12000000000)",
        "en": "Annual revenue, KRW (e.g. 120억 or 12000000000)",
    },
    "field.region": {"ko": "소재지 (시·도)", "en": "Region (province or metropolitan city)"},
    "field.region.hint": {"ko": "번호나 이름을 입력하세요.", "en": "Pick a number or type the name."},
    "field.programmes": {
        "ko": "이미 참여한 지원사업 (번호나 id, 예: 1,3)",
        "en": "Support programmes already joined (numbers or ids, e.g. 1,3)",
    },
    "field.programmes.hint": {
        "ko": "여러 개는 쉼표로 구분합니다. 참여한 사업이 없으면 Enter, 지우려면 -. id는 readiness programmes list에 있습니다.",
        "en": "Separate several with commas. Enter if none; - clears the list. Ids are in readiness programmes list.",
    },
    "profile.none": {"ko": "없음", "en": "none"},
    "profile.blank_none": {"ko": "Enter: 없음", "en": "Enter: none"},
    "field.site_name": {"ko": "평가 현장 (공장 이름)", "en": "Site assessed (plant name)"},
    "field.site_address": {"ko": "현장 주소", "en": "Site address"},
    "field.date": {"ko": "평가일 (YYYY-MM-DD)", "en": "Assessment date (YYYY-MM-DD)"},
    "notice.required": {"ko": "꼭 입력해야 하는 항목입니다.", "en": "This field is required."},
    "notice.too_long": {"ko": "너무 깁니다.", "en": "That is too long."},
    "notice.field_help": {
        "ko": "값을 입력하고 Enter. 선택 항목은 Enter만 누르면 건너뜁니다. b 이전 항목, q 저장 후 종료.",
        "en": "Type the value and press Enter; Enter alone skips an optional field. b goes back, q saves and quits.",
    },
    "notice.line_too_long": {
        "ko": "입력이 너무 깁니다 ({limit:,}자 초과). 다시 입력하세요.",
        "en": "That reply is too long (over {limit:,} characters). Type it again.",
    },
    "notice.bad_encoding": {
        "ko": "UTF-8이 아닌 글자가 있습니다. 터미널을 UTF-8로 설정하고 다시 입력하세요.",
        "en": "That reply is not valid UTF-8 text. Set the terminal to UTF-8 and type it again.",
    },
    "notice.business_number": {
        "ko": "사업자등록번호는 숫자 10자리입니다 (예: 123-45-67890).",
        "en": "A business registration number has 10 digits (e.g. 123-45-67890).",
    },
    "notice.sector": {
        "ko": "KSIC 코드(예: C29)나 목록에 있는 업종 이름 일부를 입력하세요.",
        "en": "Type a KSIC code such as C29, or part of a sector name from the list.",
    },
    "notice.sector_matches": {
        "ko": "여러 업종이 맞습니다. 코드를 입력하세요:",
        "en": "Several sectors match. Type the code:",
    },
    "notice.programmes": {
        "ko": "목록의 번호나 지원사업 id를 쉼표로 구분해 입력하세요 (예: 1,3). 없으면 Enter.",
        "en": "Type numbers from the list or programme ids, separated by commas (e.g. 1,3). Enter if none.",
    },
    "notice.whole_number": {
        "ko": "0 이상의 숫자로 입력하세요 (예: 48).",
        "en": "Type a whole number, 0 or more (e.g. 48).",
    },
    "notice.revenue": {
        "ko": "원 단위 숫자나 억·천만·만 단위로 입력하세요 (예: 12,000,000,000, 120억, 85억 5천만).",
        "en": "Type an amount in won, e.g. 12,000,000,000, 120억 or 85억 5천만.",
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
    "report.title_self": {
        "ko": "스마트공장 수준 자가진단 보고서",
        "en": "Smart-factory readiness self-assessment report",
    },
    "report.title_audit": {
        "ko": "스마트공장 수준 현장 진단 보고서",
        "en": "Smart-factory readiness site-audit report",
    },
    "report.report_date": {"ko": "보고서 작성일", "en": "Report date"},
    "report.assessment_date": {"ko": "진단일", "en": "Assessment date"},
    "report.mode": {"ko": "진단 방식", "en": "Assessment type"},
    "report.assessor": {"ko": "진단자", "en": "Assessor"},
    "report.site": {"ko": "사업장", "en": "Site"},
    "report.business_number": {"ko": "사업자등록번호", "en": "Business number"},
    "report.sector": {"ko": "업종(KSIC)", "en": "Sector (KSIC)"},
    "report.employees": {"ko": "종업원 수", "en": "Employees"},
    "report.revenue": {"ko": "연매출", "en": "Annual revenue"},
    "report.region": {"ko": "소재지", "en": "Region"},
    "report.prior_programmes": {"ko": "참여한 지원사업", "en": "Programmes joined before"},
    "report.questionnaire": {"ko": "설문", "en": "Questionnaire"},
    "report.version": {"ko": "버전", "en": "version"},
    "report.sha256": {"ko": "SHA-256", "en": "SHA-256"},
    "report.not_given": {"ko": "미입력", "en": "not given"},
    "report.not_official": {"ko": "공식 수준확인 아님", "en": "Not an official level verification"},
    "report.disclaimer_lead_audit": {
        "ko": "이 보고서는 진단자가 현장에서 확인한 값으로 채점한 현장 진단 결과이며, 국가 스마트공장 수준 체계에 맞추었지만 공인 확인기관이 발급하는 공식 '스마트공장 수준확인'이 아닙니다. 점수도 공식 점수가 아닙니다.",
        "en": "This report is a site audit, scored on the values the assessor verified on site and aligned to the national smart-factory level scheme. It is not an official smart-factory level verification (스마트공장 수준확인), which only accredited verification bodies issue, and the points are not an official score.",
    },
    "report.disclaimer_audit": {
        "ko": "이 결과는 진단자가 현장에서 확인한 검증값으로 채점한 현장 진단이며, 국가 스마트공장 구축 수준에 맞춰 설계했지만 공식 '스마트공장 수준확인'이 아닙니다. 수준확인서는 공식 수준확인기관만 발급할 수 있습니다. 0~1,000점은 이 도구가 계산한 지수일 뿐 산업통상자원부·한국생산성본부의 공식 진단 점수가 아니며, 단계별 최소 점수도 이 도구의 설정이지 공식 기준이 아닙니다.",
        "en": "This is a site audit, scored on the values the assessor verified on site and designed around the national smart-factory system levels. It is not an official smart-factory level verification (스마트공장 수준확인); only accredited verification bodies can issue one. The 0-1,000 points are this tool's own index, not the official MOTIE/KPC diagnostic score, and the minimum points per level are this tool's settings, not official cut-offs.",
    },
    "report.disclaimer_lead_self": {
        "ko": "이 보고서는 국가 스마트공장 수준 체계에 맞춘 자가진단 결과이며, 공인 확인기관이 발급하는 공식 '스마트공장 수준확인'이 아닙니다. 점수도 공식 점수가 아닙니다.",
        "en": "This report is a self-assessment aligned to the national smart-factory level scheme. It is not an official smart-factory level verification (스마트공장 수준확인), which only accredited verification bodies issue, and the points are not an official score.",
    },
    "report.contents": {"ko": "목차", "en": "Contents"},
    "report.page_of": {"ko": "{page} / {pages} 쪽", "en": "Page {page} of {pages}"},
    "report.headline": {"ko": "결과 요약", "en": "Summary"},
    "report.blocked": {
        "ko": "점수는 {level} 기준({min}점)을 넘지만, 다음 조건이 아직 충족되지 않아 {level} 단계로 인정되지 않습니다: {reasons}.",
        "en": "The points pass the {level} threshold ({min}), but {level} is not reached until this is met: {reasons}.",
    },
    "report.blocked_now": {"ko": "{subject}(지금: {now})", "en": "{subject} (now: {now})"},
    "report.blocked_score": {
        "ko": "{subject}(지금 {now}, 기준 {need})",
        "en": "{subject} (now {now}, needs {need})",
    },
    "report.blocked_link": {"ko": "무엇이 막는지 보기", "en": "See what blocks it"},
    "report.or": {"ko": " 또는 ", "en": " or "},
    "report.summary_blockers": {"ko": "가장 먼저 풀 점", "en": "Top blockers"},
    "report.summary_points": {
        "ko": "점수 {points}점, {min}점 필요({short}점 부족)",
        "en": "Points {points}, {min} needed ({short} short)",
    },
    "report.summary_actions": {"ko": "먼저 할 일", "en": "First actions"},
    "report.summary_programmes": {"ko": "맞는 지원사업", "en": "Best-fitting programmes"},
    "report.summary_more": {"ko": "자세한 내용: {section}", "en": "Details: {section}"},
    "report.level": {"ko": "수준", "en": "Level"},
    "report.level_other": {"ko": "Level", "en": "수준"},
    "report.national": {"ko": "국가 수준 체계", "en": "National scheme"},
    "report.points": {"ko": "점수", "en": "Points"},
    "report.of_1000": {"ko": "/ 1000점", "en": "/ 1000"},
    "report.min_points_note": {
        "ko": "최소 점수는 이 도구의 설정이며 공식 기준이 아닙니다.",
        "en": "The minimum points are this tool's settings, not official cut-offs.",
    },
    "report.newer_version": {
        "ko": "이 결과는 {qid} {version} 판으로 채점했습니다. 새 판({newer})이 있습니다. 옮기려면: readiness migrate FILE --to {newer}",
        "en": "Scored with {qid} {version}. A newer version, {newer}, exists. To move to it: readiness migrate FILE --to {newer}",
    },
    "report.index": {"ko": "종합지수(0-5)", "en": "Index (0-5)"},
    "report.completeness": {"ko": "응답률", "en": "Completeness"},
    "report.answered_of": {
        "ko": "{answered}/{total}개 문항 응답",
        "en": "{answered} of {total} questions answered",
    },
    "report.na_count": {"ko": "해당 없음 {n}개", "en": "{n} not applicable"},
    "report.ladder": {"ko": "수준 사다리", "en": "The level ladder"},
    "report.min_points": {"ko": "최소 점수", "en": "min. points"},
    "report.you_are_here": {"ko": "현재 수준", "en": "you are here"},
    "report.next_step": {"ko": "다음 단계", "en": "next"},
    "report.target": {"ko": "목표", "en": "target"},
    "report.top_reached": {"ko": "최고 단계에 도달했습니다.", "en": "This is the top of the ladder."},
    "report.peers": {"ko": "비교 집단", "en": "Peer group"},
    "report.peer_median": {"ko": "비교 집단 중앙값", "en": "Peer median"},
    "report.peer_count": {"ko": "{n}개사", "en": "{n} firms"},
    "report.peer_percentile": {"ko": "상위 {p}%", "en": "top {p}%"},
    "report.dimensions": {"ko": "영역별 결과", "en": "Dimensions"},
    "report.dimensions_intro": {
        "ko": "각 영역 점수(0-5)는 문항 답의 가중평균이며, 영역 가중치만큼 1000점에 기여합니다.",
        "en": "Each dimension score (0-5) is the weighted mean of its answers and contributes to the 1000 points by the dimension's weight.",
    },
    "report.radar_title": {"ko": "영역별 점수 (0-5)", "en": "Dimension scores (0-5)"},
    "report.bars_title": {
        "ko": "영역별 점수와 다음 수준 요구치",
        "en": "Dimension scores and what the next level needs",
    },
    "report.dimension": {"ko": "영역", "en": "Dimension"},
    "report.weight": {"ko": "가중치", "en": "Weight"},
    "report.answered": {"ko": "응답", "en": "Answered"},
    "report.score": {"ko": "점수(0-5)", "en": "Score (0-5)"},
    "report.points_of_max": {"ko": "점수 / 배점", "en": "Points / max"},
    "report.bar": {"ko": "막대", "en": "Bar"},
    "report.current": {"ko": "현재", "en": "Current"},
    "report.previous": {"ko": "이전", "en": "Previous"},
    "report.required_next": {"ko": "다음 수준 요구치", "en": "Needed for the next level"},
    "report.legend_mark": {"ko": "▼ 다음 수준 게이트 요구치", "en": "▼ minimum a next-level gate asks for"},
    "report.legend_prev": {"ko": "│ 이전 진단 점수", "en": "│ previous assessment"},
    "report.blockers": {"ko": "다음 수준을 막는 요인", "en": "What blocks the next level"},
    "report.blockers_intro": {
        "ko": "{level}에 오르려면 {min_points}점 이상이고 아래 조건을 모두 충족해야 합니다.",
        "en": "{level} needs at least {min_points} points and every condition below.",
    },
    "report.points_short": {
        "ko": "{points}점 → {min}점 ({short}점 부족)",
        "en": "{points} → {min} ({short} short)",
    },
    "report.points_ok": {"ko": "{points}점 ≥ {min}점 (충족)", "en": "{points} ≥ {min} (met)"},
    "report.gate": {"ko": "조건", "en": "Condition"},
    "report.requirement": {"ko": "요구", "en": "Required"},
    "report.now": {"ko": "현재", "en": "Now"},
    "report.any_of": {"ko": "다음 중 하나", "en": "any one of"},
    "report.met": {"ko": "충족", "en": "met"},
    "report.not_met": {"ko": "미충족", "en": "not met"},
    "report.no_blockers": {
        "ko": "막는 조건이 없습니다. 점수만 올리면 됩니다.",
        "en": "No gate blocks it; only points are missing.",
    },
    "report.lift": {
        "ko": "다음 수준에 오르는 가장 작은 변경",
        "en": "Smallest set of changes that reaches it",
    },
    "report.lift_intro": {
        "ko": "아래 답이 바뀌면 {level} 조건을 모두 충족합니다(점수 계산상 최소 변경).",
        "en": "If these answers changed, every condition of {level} would hold (the arithmetically smallest change).",
    },
    "report.question": {"ko": "문항", "en": "Question"},
    "report.from": {"ko": "현재 답", "en": "From"},
    "report.to": {"ko": "목표 답", "en": "To"},
    "report.answer_claimed": {"ko": "주장 {value}", "en": "claimed {value}"},
    "report.answer_verified": {"ko": "검증 {value}", "en": "verified {value}"},
    "report.unanswered": {"ko": "미응답", "en": "unanswered"},
    "report.na": {"ko": "해당 없음", "en": "n/a"},
    "report.dimension_score": {"ko": "영역 점수", "en": "dimension score"},
    "report.roadmap": {"ko": "업그레이드 로드맵", "en": "Upgrade roadmap"},
    "report.roadmap_intro": {
        "ko": "{current}에서 {target}까지 {n}단계. 각 단계의 조치는 게이트 해소 효과, 그다음 노력 대비 점수 효과 순으로 정렬했습니다.",
        "en": "{n} phase(s) from {current} to {target}. Actions in each phase are ordered by the gates they unblock, then by points gained per unit of effort.",
    },
    "report.roadmap_none": {
        "ko": "목표 수준에 이미 도달했습니다.",
        "en": "The target level is already reached.",
    },
    "report.roadmap_unavailable": {
        "ko": "이 설문에 대한 조치 카탈로그가 없어 로드맵을 만들 수 없습니다.",
        "en": "No action catalogue exists for this questionnaire, so no roadmap can be drawn.",
    },
    "report.phase": {"ko": "단계", "en": "Phase"},
    "report.phase_points": {
        "ko": "점수 {before} → {after} (필요 {min})",
        "en": "Points {before} → {after} (needs {min})",
    },
    "report.phase_gates": {"ko": "해소할 게이트", "en": "Gates to meet"},
    "report.phase_not_reached": {
        "ko": "카탈로그 조치만으로는 이 수준에 도달하지 못합니다. 아래 추가 변경도 필요합니다.",
        "en": "The catalogue actions alone do not reach this level; the further changes below are needed too.",
    },
    "report.extra": {
        "ko": "카탈로그 조치가 없는 추가 변경",
        "en": "Further changes with no catalogue action",
    },
    "report.action": {"ko": "조치", "en": "Action"},
    "report.why": {"ko": "이유", "en": "Why"},
    "report.lifts": {"ko": "올라가는 문항", "en": "Lifts"},
    "report.effort": {"ko": "노력", "en": "Effort"},
    "report.cost": {"ko": "비용 규모", "en": "Cost band"},
    "report.duration": {"ko": "기간", "en": "Duration"},
    "report.months": {"ko": "{min}~{max}개월", "en": "{min}-{max} months"},
    "report.months_one": {"ko": "{min}개월", "en": "{min} months"},
    "report.gain": {"ko": "점수 효과", "en": "Points"},
    "report.unblocks": {"ko": "게이트 기여", "en": "Works on gate"},
    "report.funded_by": {"ko": "지원 가능 사업", "en": "Funded by"},
    "report.fits_you": {"ko": "해당", "en": "fits you"},
    "report.effort_low": {"ko": "낮음", "en": "low"},
    "report.effort_medium": {"ko": "보통", "en": "medium"},
    "report.effort_high": {"ko": "높음", "en": "high"},
    "report.cost_under-10m": {"ko": "1천만원 미만", "en": "under KRW 10 M"},
    "report.cost_10m-50m": {"ko": "1천만~5천만원", "en": "KRW 10-50 M"},
    "report.cost_50m-200m": {"ko": "5천만~2억원", "en": "KRW 50-200 M"},
    "report.cost_200m-500m": {"ko": "2억~5억원", "en": "KRW 200-500 M"},
    "report.cost_over-500m": {"ko": "5억원 이상", "en": "over KRW 500 M"},
    "report.programmes": {"ko": "지원사업", "en": "Support programmes"},
    "report.programmes_opening": {
        "ko": "지원사업 목록 검토일: {reviewed} (기준 연도 {cycle}). 지원 금액과 조건은 해마다 바뀌며, 신청 자격과 금액은 그해 통합공고와 개별 공고문이 정합니다.",
        "en": "Programme list reviewed on {reviewed} (cycle {cycle}). Amounts and rules change every year; the year's integrated notice and each call decide eligibility and amounts.",
    },
    "report.history_line": {"ko": "{year}년: {text}", "en": "{year}: {text}"},
    "report.history": {"ko": "과거 자료", "en": "Earlier figures"},
    "report.excluded": {"ko": "해당하지 않는 사업", "en": "Programmes that do not apply"},
    "report.not_for_you": {"ko": "귀사 대상 아님: {reason}", "en": "not for you: {reason}"},
    "report.to_check": {
        "ko": "확인 필요 — 올해 공고 미확인: {names}",
        "en": "To check — not confirmed in this year's notice: {names}",
    },
    "report.ministry": {"ko": "소관 부처", "en": "Ministry"},
    "report.agency": {"ko": "운영 기관", "en": "Agency"},
    "report.sources": {"ko": "출처", "en": "Sources"},
    "report.fits": {"ko": "해당하는 사업", "en": "Programmes that fit"},
    "report.fits_none": {
        "ko": "조건에 모두 맞는 사업이 없습니다.",
        "en": "No programme fits every condition.",
    },
    "report.near": {"ko": "아깝게 해당하지 않는 사업", "en": "Near misses"},
    "report.why_fits": {"ko": "해당 이유", "en": "Why it fits"},
    "report.why_not": {"ko": "해당하지 않는 이유", "en": "Why not"},
    "report.check_yourself": {"ko": "직접 확인", "en": "Check yourself"},
    "report.funds": {"ko": "지원 내용", "en": "Funds"},
    "report.support": {"ko": "지원 규모", "en": "Support"},
    "report.conditions": {"ko": "조건", "en": "Conditions"},
    "report.call_window": {"ko": "공고 시기", "en": "Call window"},
    "report.amounts_note": {
        "ko": "금액과 조건은 매년 바뀝니다.",
        "en": "Amounts and conditions change every year.",
    },
    "report.programme": {"ko": "사업", "en": "Programme"},
    "report.funds_phase1": {"ko": "로드맵 1단계 조치 지원", "en": "funds roadmap phase 1"},
    "report.programmes_unavailable": {
        "ko": "지원사업 카탈로그가 없습니다.",
        "en": "No programme catalogue is available.",
    },
    "report.unknown_programmes": {
        "ko": "응답서의 참여 사업 중 카탈로그에 없는 ID: {ids}",
        "en": "Programme ids in the answer file that the catalogue does not know: {ids}",
    },
    "report.checks": {"ko": "확인할 점", "en": "Things to check"},
    "report.warnings_none": {"ko": "타당성 경고가 없습니다.", "en": "No plausibility warnings."},
    "report.audit": {"ko": "주장값과 검증값의 차이", "en": "Claimed vs verified"},
    "report.audit_intro": {
        "ko": "현장 진단에서 검증값이 회사의 주장값과 다른 문항입니다. 점수에는 검증값이 반영됩니다.",
        "en": "Answers where the assessor's verified value differs from the value the firm claimed. The verified value counts.",
    },
    "report.claimed": {"ko": "주장", "en": "Claimed"},
    "report.verified": {"ko": "검증", "en": "Verified"},
    "report.audit_none": {
        "ko": "주장값과 검증값이 모두 같습니다.",
        "en": "Every verified value matches the claim.",
    },
    "report.questions": {"ko": "관련 문항", "en": "Questions"},
    "report.progress": {"ko": "이전 진단 대비 변화", "en": "Progress since the previous assessment"},
    "report.progress_intro": {"ko": "이전 진단: {date}", "en": "Previous assessment: {date}"},
    "report.level_change": {"ko": "수준 변화", "en": "Level"},
    "report.points_change": {"ko": "점수 변화", "en": "Points"},
    "report.delta": {"ko": "변화", "en": "Change"},
    "report.cleared": {"ko": "해소된 막힘", "en": "Blockers cleared"},
    "report.new_blockers": {"ko": "새로 생긴 막힘", "en": "New blockers"},
    "report.none": {"ko": "없음", "en": "none"},
    "report.other_company": {
        "ko": "주의: 이전 진단의 회사명({name})이 다릅니다.",
        "en": "Note: the previous assessment is for a different company name ({name}).",
    },
    "report.other_questionnaire": {
        "ko": "주의: 이전 진단은 다른 설문 버전({version})으로 채점되었습니다.",
        "en": "Note: the previous assessment was scored with another questionnaire version ({version}).",
    },
    "report.appendix": {"ko": "부록: 전체 문항과 답", "en": "Appendix: every question and answer"},
    "report.answer": {"ko": "답", "en": "Answer"},
    "report.descriptor": {"ko": "답의 의미", "en": "What it means"},
    "report.note": {"ko": "메모", "en": "Note"},
    "report.evidence": {"ko": "증빙", "en": "Evidence"},
    "report.counted": {"ko": "반영값", "en": "Counted"},
    "report.footer": {"ko": "readiness {version}로 작성", "en": "Made with readiness {version}"},
    "dashboard.title": {
        "ko": "스마트공장 수준 일괄 진단 결과",
        "en": "Smart-factory readiness: batch results",
    },
    "dashboard.files": {"ko": "파일", "en": "Files"},
    "dashboard.ok": {"ko": "채점됨", "en": "Scored"},
    "dashboard.invalid": {"ko": "오류", "en": "Invalid"},
    "dashboard.other": {"ko": "기타 (5곳 미만 집단 합계)", "en": "Other (groups under 5 firms, together)"},
    "dashboard.sme_class": {
        "ko": "기업 규모별 (중소기업기본법 추정)",
        "en": "By firm size (SME Act, estimated)",
    },
    "dashboard.source": {"ko": "제출 폴더별", "en": "By source folder"},
    "dashboard.top_folder": {"ko": "(최상위 폴더)", "en": "(top folder)"},
    "dashboard.sme_micro": {"ko": "소상공인", "en": "Micro"},
    "dashboard.sme_small": {"ko": "소기업", "en": "Small"},
    "dashboard.sme_medium": {"ko": "중기업", "en": "Medium"},
    "dashboard.sme_over_ceiling": {"ko": "중소기업 아님", "en": "Not an SME"},
    "dashboard.sme_unknown": {
        "ko": "판단 불가 (업종·매출 미기재)",
        "en": "Cannot tell (sector or revenue missing)",
    },
    "dashboard.run_date": {"ko": "작성일", "en": "Run on"},
    "dashboard.dates": {"ko": "진단 기간", "en": "Assessments dated"},
    "dashboard.skipped": {"ko": "건너뜀", "en": "Skipped"},
    "dashboard.warned": {"ko": "확인 필요", "en": "With warnings"},
    "dashboard.counted": {"ko": "통계에 포함된 기업", "en": "Firms in these statistics"},
    "dashboard.duplicates": {"ko": "중복 제출(제외)", "en": "Resubmissions (not counted)"},
    "dashboard.others": {"ko": "다른 설문 파일(제외)", "en": "Files for other questionnaires (not counted)"},
    "dashboard.levels": {"ko": "수준별 기업 수", "en": "Firms per level"},
    "dashboard.level": {"ko": "수준", "en": "Level"},
    "dashboard.national": {"ko": "국가 수준 체계", "en": "National scheme"},
    "dashboard.points_label": {
        "ko": "이 도구의 지수, 공식 점수 아님",
        "en": "this tool's index, not an official score",
    },
    "dashboard.points": {"ko": "점수 분포 (1000점 만점)", "en": "Points (out of 1000)"},
    "dashboard.dimensions": {
        "ko": "영역별 점수 (0-5): 평균과 사분위",
        "en": "Dimension scores (0-5): mean and quartiles",
    },
    "dashboard.mean": {"ko": "평균", "en": "Mean"},
    "dashboard.median": {"ko": "중앙값", "en": "Median"},
    "dashboard.n": {"ko": "기업 수", "en": "Firms"},
    "dashboard.sector": {"ko": "업종별 (KSIC)", "en": "By sector (KSIC)"},
    "dashboard.region": {"ko": "지역별", "en": "By region"},
    "dashboard.size_band": {"ko": "종업원 규모별", "en": "By number of employees"},
    "dashboard.group": {"ko": "구분", "en": "Group"},
    "dashboard.blockers": {
        "ko": "다음 수준을 막는 가장 흔한 요인",
        "en": "Most common blockers to the next level",
    },
    "dashboard.warnings": {"ko": "가장 흔한 응답 일관성 경고", "en": "Most common plausibility warnings"},
    "dashboard.none": {"ko": "없음", "en": "None"},
    "dashboard.unknown": {"ko": "미기재", "en": "Not given"},
    "dashboard.too_few": {
        "ko": "통계에 포함된 기업이 {min_group}곳 미만이라 수치를 표시하지 않습니다.",
        "en": "Fewer than {min_group} firms: no statistics are shown.",
    },
    "dashboard.suppression": {
        "ko": "업종·지역·규모별 표에서 {min_group}곳 미만인 집단은 이름 없이 ‘기타’로 합칩니다. {min_group}곳 미만인 칸은 “{suppressed}”로 표시하고 수치를 숨깁니다. “{hidden}”는 작은 집단을 합계에서 역산할 수 없도록 함께 숨긴 집단입니다. 같은 사업자등록번호의 중복 제출은 정렬 순서상 첫 파일만 셉니다.",
        "en": "In the sector, region and size tables, groups of fewer than {min_group} firms are folded, unnamed, into ‘Other’. Cells of fewer than {min_group} firms are shown as “{suppressed}” without figures; “{hidden}” marks a group hidden as well so that small groups cannot be worked out from the totals. A business number submitted twice counts once (the first file in sorted order).",
    },
    # --- batch table headers (machine names stay in summary.json) -----------------------------------
    "column.path": {"ko": "파일", "en": "File"},
    "column.status": {"ko": "상태", "en": "Status"},
    "column.problem_count": {"ko": "문제 수", "en": "Problems (count)"},
    "column.problems": {"ko": "문제", "en": "Problems"},
    "column.questionnaire": {"ko": "설문 버전", "en": "Questionnaire"},
    "column.company_name": {"ko": "회사명", "en": "Company"},
    "column.business_number": {"ko": "사업자등록번호", "en": "Business number"},
    "column.duplicate_of": {"ko": "중복 원본", "en": "Duplicate of"},
    "column.sector": {"ko": "업종(KSIC)", "en": "Sector (KSIC)"},
    "column.sector_name": {"ko": "업종명", "en": "Sector name"},
    "column.region": {"ko": "시도", "en": "Region"},
    "column.employees": {"ko": "종업원 수", "en": "Employees"},
    "column.employee_band": {"ko": "종업원 규모", "en": "Size band"},
    "column.sme_class": {"ko": "기업 규모(중소기업기본법)", "en": "Firm size (SME Act)"},
    "column.source": {"ko": "제출 폴더", "en": "Source folder"},
    "column.assessment_date": {"ko": "진단일", "en": "Assessment date"},
    "column.level_rank": {"ko": "수준 번호", "en": "Level rank"},
    "column.level_id": {"ko": "수준 ID", "en": "Level id"},
    "column.level_name": {"ko": "수준", "en": "Level"},
    "column.points": {"ko": "점수", "en": "Points"},
    "column.answered": {"ko": "응답 문항", "en": "Answered"},
    "column.total": {"ko": "전체 문항", "en": "Questions"},
    "column.completeness": {"ko": "응답률", "en": "Completeness"},
    "column.warning_count": {"ko": "경고 수", "en": "Warnings (count)"},
    "column.warnings": {"ko": "경고", "en": "Warnings"},
    "column.blockers": {"ko": "다음 수준을 막는 요인", "en": "Blockers to the next level"},
    "column.report": {"ko": "보고서", "en": "Report"},
    "column.line": {"ko": "줄", "en": "Line"},
    "column.field": {"ko": "항목", "en": "Field"},
    "column.message": {"ko": "내용", "en": "Message"},
    # --- programme matching ------------------------------------------------------------------------
    "match.nothing_to_check": {
        "ko": "자동으로 확인할 자격 조건 없음 — 조건 문구 확인",
        "en": "no conditions to check automatically; read the conditions",
    },
    "match.covers": {
        "ko": "{subject}: 지원 대상({wanted})에 해당",
        "en": "{subject}; the programme covers {wanted}",
    },
    "match.is_for": {
        "ko": "{subject}: 지원 대상은 {wanted}",
        "en": "{subject}; the programme is for {wanted}",
    },
    "match.level_for": {
        "ko": "{wanted} 수준 대상 — 귀사는 {level}",
        "en": "For {wanted} — you are at {level}",
    },
    "match.level_now": {"ko": "현재 수준 {level}", "en": "your level is {level}"},
    "match.employees_for": {
        "ko": "종업원 {wanted} 대상 — 귀사는 {n}명",
        "en": "For firms with {wanted} — you have {n}",
    },
    "match.no_employees": {
        "ko": "종업원 수 미입력 — 직접 확인",
        "en": "Employee count not given — check yourself",
    },
    "match.employees_now": {"ko": "종업원 {people}", "en": "you have {people}"},
    "match.sme_ok": {
        "ko": "{klass}(추정) — 대상 규모에 해당",
        "en": "{klass} (estimated): within the size rule",
    },
    "match.sme_class_for": {
        "ko": "{wanted} 대상 — 귀사는 {klass}(추정)",
        "en": "For {wanted} — you are {klass} (estimated)",
    },
    "match.sme_over": {
        "ko": "중소기업 대상 — 귀사는 {code} 기준 {ceiling} 초과",
        "en": "For SMEs — you are above the {code} ceiling of {ceiling}",
    },
    "match.midsize_check": {
        "ko": "중견기업이면 신청 가능 — 중견기업 확인 필요",
        "en": "Open to mid-sized firms (중견기업) — check that you are one",
    },
    "match.no_sme_data": {
        "ko": "중소기업 기준 자료 없음 — 직접 확인",
        "en": "No SME ceilings available — check yourself",
    },
    "match.no_sector": {
        "ko": "업종(KSIC) 미입력 — 직접 확인",
        "en": "Sector (KSIC) not given — check yourself",
    },
    "match.sector_for": {
        "ko": "{sectors} 업종 대상 — 귀사는 {code}",
        "en": "For sector {sectors} — yours is {code}",
    },
    "match.sector_now": {"ko": "업종 {code}", "en": "your sector is {code}"},
    "match.no_region": {"ko": "소재지 미입력 — 직접 확인", "en": "Region not given — check yourself"},
    "match.unknown_region": {
        "ko": "소재지 '{region}'를 시·도로 확인하지 못함",
        "en": "Region '{region}' could not be matched to a province",
    },
    "match.region_for": {
        "ko": "{wanted} 소재 기업 대상 — 귀사는 {region}",
        "en": "For firms in {wanted} — you are in {region}",
    },
    "match.region_now": {"ko": "소재지 {region}", "en": "you are in {region}"},
    "match.requires_done": {
        "ko": "선행 사업 참여 이력 있음: {programme}",
        "en": "you have already done {programme}, which this programme requires",
    },
    "match.requires_missing": {
        "ko": "{programmes} 참여 기업 대상 — 참여 이력 없음",
        "en": "Requires prior {programmes} — none recorded",
    },
    "match.excluded_done": {
        "ko": "{programmes} 참여 기업은 제외 — 귀사 참여",
        "en": "Not for firms that did {programmes} — you did",
    },
    "match.excluded_none": {
        "ko": "제외 사유가 되는 사업({programmes}) 참여 이력 없음",
        "en": "you have not done {programmes}, which would rule this programme out",
    },
    "match.not_asked": {
        "ko": "이전 참여 사업을 묻지 않음 — 직접 확인",
        "en": "Prior programmes were not asked — check yourself",
    },
    "match.closed": {
        "ko": "접수 마감 ({closes}) — 보고서 기준일 {date}",
        "en": "Applications closed on {closes} (report date {date})",
    },
    "match.window_upcoming": {"ko": "접수 예정 ({opens}부터)", "en": "Opens on {opens}"},
    "match.window_open": {"ko": "접수 중 (~{closes})", "en": "Open until {closes}"},
    "match.window_dates": {"ko": "접수 기간 확인 필요", "en": "Call dates to be checked"},
    "match.supplier": {"ko": "정보: 공급기업 대상", "en": "For information: for suppliers"},
    "match.not_current": {
        "ko": "올해 시행 확인 안 됨 — 추천 안 함",
        "en": "Not confirmed for this year — not recommended",
    },
    "match.range": {"ko": "{low}~{high}", "en": "{low} to {high}"},
    "match.at_least": {"ko": "{low} 이상", "en": "{low} and above"},
    "match.at_most": {"ko": "{high} 이하", "en": "up to {high}"},
    "match.sep_list": {"ko": ", ", "en": ", "},
    "match.sep_or": {"ko": " 또는 ", "en": " or "},
    "match.people": {"ko": "{n}명", "en": "{n} employees"},
    "match.people_one": {"ko": "{n}명", "en": "{n} employee"},
    # --- programme labels: what is known, never a generic tick ------------------------------------------
    "label.confirmed": {"ko": "{cycle} 공고 확인", "en": "{cycle} notice checked"},
    "label.reported": {"ko": "언론 보도 ({month})", "en": "Press report ({month})"},
    "label.unconfirmed": {"ko": "미확인: 공고문 확인 필요", "en": "Unconfirmed: check the call"},
    "label.unverified": {
        "ko": "{cycle} 시행 미확인 (최근 자료 {year})",
        "en": "Not confirmed for {cycle} (latest: {year})",
    },
    "label.past": {
        "ko": "과거 사업 ({year}) — 추천 안 함",
        "en": "Past programme ({year}) — not recommended",
    },
    "label.closed": {"ko": "접수 마감 ({closes})", "en": "Closed ({closes})"},
    "label.size_unstated": {"ko": "대상 기업 규모: 공고문 확인", "en": "Firm-size rule: check the call"},
    "label.source": {"ko": "{title} ({kind}, {date})", "en": "{title} ({kind}, {date})"},
    "label.kind_official": {"ko": "공고·보도자료", "en": "official notice or release"},
    "label.kind_press": {"ko": "언론", "en": "press"},
    "label.kind_secondary": {"ko": "블로그·2차 자료", "en": "blog or secondary"},
    # --- SME status (중소기업기본법) -----------------------------------------------------------------
    "sme.class_micro": {"ko": "소상공인", "en": "a micro enterprise (소상공인)"},
    "sme.class_small": {"ko": "소기업", "en": "a small enterprise (소기업)"},
    "sme.class_medium": {"ko": "중기업", "en": "a medium enterprise (중기업)"},
    "sme.class_midsize": {"ko": "중견기업", "en": "a mid-sized firm (중견기업)"},
    "sme.no_sector": {
        "ko": "업종(KSIC) 미입력 — 중소기업 여부를 확인하지 못함",
        "en": "sector (KSIC) not given — SME status could not be checked",
    },
    "sme.no_revenue": {
        "ko": "연매출 미입력 — 중소기업 여부를 확인하지 못함",
        "en": "annual revenue not given — SME status could not be checked",
    },
    "sme.over": {
        "ko": "귀사 연매출 {revenue}은 {code}({sector}) 중소기업 기준 {ceiling}을 넘습니다 — 중소기업 대상 사업은 해당되지 않습니다(졸업 유예 중이면 예외).",
        "en": "Your revenue of {revenue} is above the SME ceiling for {code} ({sector}, {ceiling}): SME-only programmes do not apply (unless you are in the grace period).",
    },
    "sme.is_micro": {
        "ko": "연매출과 종업원 수로 보면 {code} 기준 소상공인(소기업)에 해당합니다.",
        "en": "By revenue and staff, you are a micro enterprise (소상공인) under the {code} ceilings.",
    },
    "sme.is_small": {
        "ko": "연매출로 보면 {code} 기준 소기업(중소기업)에 해당합니다.",
        "en": "By revenue, you are a small enterprise (소기업, an SME) under the {code} ceilings.",
    },
    "sme.is_medium": {
        "ko": "연매출로 보면 {code} 기준 중기업(중소기업)에 해당합니다.",
        "en": "By revenue, you are a medium enterprise (중기업, an SME) under the {code} ceilings.",
    },
    "sme.caveat": {
        "ko": "연매출 1개 값으로 추정 — 중소기업 여부는 3년 평균매출액·자산총액(5,000억원 미만)·관계기업·졸업 유예(5년)로 정해지며 중소기업확인서로 확인",
        "en": "Estimated from one year's revenue — SME status depends on 3-year average revenue, total assets (under KRW 500 billion), affiliates and the 5-year grace period; check the SME certificate (중소기업확인서).",
    },
    # --- answer-file comments ----------------------------------------------------------------------
    "file.na": {"ko": "n/a (해당 없음)", "en": "n/a (not applicable)"},
    "file.how": {
        "ko": "각 문항에 0-5 중 하나를 적으세요. 비워 두면 미응답(0점)입니다.",
        "en": "Write one value 0-5 per question. Left blank = unanswered (scores 0).",
    },
    "file.key.business_number": {
        "ko": "사업자등록번호 (숫자 10자리)",
        "en": "business registration number (10 digits)",
    },
    "file.key.sector": {
        "ko": "업종: 한국표준산업분류(KSIC) 코드 (C30 = 자동차 및 트레일러 제조업)",
        "en": "sector: KSIC code (C30 = motor vehicles and trailers)",
    },
    "file.key.employees": {"ko": "상시 종업원 수 (명)", "en": "number of employees"},
    "file.key.annual_revenue_krw": {
        "ko": "연매출, 원 단위 숫자 (120억원 = 12000000000)",
        "en": "annual revenue in won, digits only (120억 = 12000000000)",
    },
    "file.key.region": {
        "ko": "소재지 시·도 (경기, 경기도 모두 가능)",
        "en": "province or metropolitan city (경기도, Gyeonggi or Gyeonggi-do)",
    },
    "file.key.programmes": {
        "ko": "이미 참여한 지원사업 id (readiness programmes list); 없으면 []",
        "en": "support programmes already joined (ids from readiness programmes list); none: []",
    },
    "file.key.programmes_asked": {
        "ko": "참여 사업을 확인했다는 표시 (그래야 빈 목록이 '참여 없음'이 됩니다)",
        "en": "says the programmes were asked about (only then does an empty list mean none)",
    },
    "file.key.date": {"ko": "진단일 (YYYY-MM-DD)", "en": "assessment date (YYYY-MM-DD)"},
    # --- answer workbook (readiness template --format xlsx) ---------------------------------------
    "book.sheet.cover": {"ko": "표지", "en": "Cover"},
    "book.sheet.answers": {"ko": "답변", "en": "Answers"},
    "book.sheet.lists": {"ko": "목록", "en": "Lists"},
    "book.what": {
        "ko": "스마트공장 수준 자가진단 답변지입니다. 문항마다 지금 공장의 모습에 가장 가까운 단계(0-5)를 고르면, readiness 도구가 수준(레벨), 1000점 만점 점수, 다음 단계로 가는 데 막히는 점을 계산합니다.",
        "en": "This is the answer workbook of the smart-factory readiness self-assessment. For each question, pick the step (0-5) closest to how your plant works today; the readiness tool then works out the level, points out of 1000 and what blocks the next level.",
    },
    "book.how.title": {"ko": "작성 방법", "en": "How to fill it in"},
    "book.how.1": {
        "ko": "1. 이 시트의 노란 칸에 회사 정보를 적으세요 (회사명은 꼭 필요합니다).",
        "en": "1. Fill in the company profile in the yellow cells on this sheet (the company name is required).",
    },
    "book.how.2": {
        "ko": "2. '{sheet}' 시트에서 문항마다 답변 칸의 목록에서 0-5를 고르세요. n/a(해당 없음)는 허용된 문항에만 있습니다. 비워 두면 미응답(0점)입니다.",
        "en": "2. On the '{sheet}' sheet, pick 0-5 from the list in each answer cell. n/a (not applicable) is offered only where a question allows it. A blank cell is unanswered (scores 0).",
    },
    "book.how.3": {
        "ko": "3. 필요하면 메모와 증빙(문서명, 파일명 등, 한 줄에 하나)을 적으세요.",
        "en": "3. Add a note and evidence (document or file names, one per line) where useful.",
    },
    "book.how.4": {
        "ko": "4. 같은 형식(.xlsx, Excel 통합 문서)으로 저장해 보내 주세요. 시트 이름과 순서는 바꾸지 마세요. 시트 보호에는 암호가 없습니다.",
        "en": "4. Save in the same format (.xlsx, Excel Workbook) and send it back. Do not rename or reorder the sheets. The sheet protection has no password.",
    },
    "book.profile": {"ko": "회사 정보", "en": "Company profile"},
    "book.progress": {"ko": "답변한 문항", "en": "Questions answered"},
    "book.of": {"ko": "전체 문항", "en": "Questions in total"},
    "book.mode": {"ko": "평가 방식", "en": "Assessment mode"},
    "book.mode.self": {"ko": "자가진단", "en": "self-assessment"},
    "book.mode.audit": {
        "ko": "현장 심사 (자체 평가와 심사 확인 값)",
        "en": "audit (claimed and verified values)",
    },
    "book.questionnaire": {"ko": "설문", "en": "Questionnaire"},
    "book.f.company.name": {"ko": "회사명", "en": "Company name"},
    "book.f.company.business_number": {"ko": "사업자등록번호", "en": "Business registration number"},
    "book.f.company.sector": {"ko": "업종 (KSIC)", "en": "Sector (KSIC)"},
    "book.f.company.employees": {"ko": "종업원 수", "en": "Employees"},
    "book.f.company.annual_revenue_krw": {"ko": "연매출 (원)", "en": "Annual revenue (KRW)"},
    "book.f.company.region": {"ko": "소재지 (시도)", "en": "Region (province)"},
    "book.f.company.programmes": {"ko": "참여한 지원사업", "en": "Support programmes joined"},
    "book.f.assessment.date": {"ko": "평가일", "en": "Assessment date"},
    "book.f.assessment.assessor.name": {"ko": "심사원", "en": "Assessor"},
    "book.f.assessment.assessor.organisation": {"ko": "심사 기관", "en": "Assessor's organisation"},
    "book.f.assessment.site.name": {"ko": "사업장", "en": "Site"},
    "book.f.assessment.site.address": {"ko": "사업장 주소", "en": "Site address"},
    "book.hint.company.business_number": {"ko": "123-45-67890 형식", "en": "written as 123-45-67890"},
    "book.hint.company.sector": {
        "ko": "목록에서 고르거나 KSIC 코드(예: C2931)를 적으세요",
        "en": "pick from the list or type a KSIC code (e.g. C2931)",
    },
    "book.hint.company.employees": {"ko": "명, 정수", "en": "people, a whole number"},
    "book.hint.company.annual_revenue_krw": {
        "ko": "원, 정수 (예: 12000000000)",
        "en": "won, a whole number (e.g. 12000000000)",
    },
    "book.hint.company.region": {"ko": "17개 시도 중에서 고르세요", "en": "pick one of the 17 provinces"},
    "book.hint.company.programmes": {"ko": "세미콜론(;)으로 구분", "en": "separated by semicolons (;)"},
    "book.hint.assessment.date": {"ko": "YYYY-MM-DD", "en": "YYYY-MM-DD"},
    "book.col.id": {"ko": "문항 ID", "en": "Question ID"},
    "book.col.question": {"ko": "질문", "en": "Question"},
    "book.col.options": {"ko": "단계 (0-5)", "en": "Steps (0-5)"},
    "book.col.value": {"ko": "답변", "en": "Answer"},
    "book.col.claimed": {"ko": "자체 평가", "en": "Claimed"},
    "book.col.verified": {"ko": "심사 확인", "en": "Verified"},
    "book.col.note": {"ko": "메모", "en": "Note"},
    "book.col.evidence": {"ko": "증빙 (한 줄에 하나)", "en": "Evidence (one per line)"},
    "book.help": {"ko": "도움말", "en": "Help"},
    "book.pick": {"ko": "0-5 중에서 고르세요", "en": "Pick 0-5"},
    "book.pick_na": {
        "ko": "0-5 또는 n/a(해당 없음) 중에서 고르세요",
        "en": "Pick 0-5, or n/a (not applicable)",
    },
    "book.whole": {"ko": "정수를 적으세요", "en": "Type a whole number"},
    "book.bizno": {
        "ko": "10자리 사업자등록번호 (123-45-67890)",
        "en": "10-digit business number (123-45-67890)",
    },
    "book.date": {"ko": "날짜 (YYYY-MM-DD)", "en": "A date (YYYY-MM-DD)"},
    "book.invalid": {"ko": "입력할 수 없는 값", "en": "Not a valid entry"},
    # --- history store (issue 14): readiness history show / trend, trend.html -----------------------
    "trend.title": {"ko": "스마트공장 수준 변화 추이", "en": "Smart-factory level trend"},
    "trend.period": {"ko": "기간", "en": "Period"},
    "trend.dates": {"ko": "진단일 범위", "en": "Assessments dated"},
    "trend.whole": {"ko": "전체 기간", "en": "the whole store"},
    "trend.firms": {
        "ko": "기간 중 두 번 이상 진단받은 기업",
        "en": "Firms assessed at least twice in the period",
    },
    "trend.too_few": {
        "ko": "두 번 이상 진단받은 기업이 {min_group}곳 미만이라 수치를 공개하지 않습니다.",
        "en": "Fewer than {min_group} firms were assessed twice; no figures are published.",
    },
    "trend.movement": {
        "ko": "첫 진단과 마지막 진단 사이의 수준 변화",
        "en": "Level between first and last assessment",
    },
    "trend.up": {"ko": "상승", "en": "Moved up"},
    "trend.same": {"ko": "유지", "en": "Stayed"},
    "trend.down": {"ko": "하락", "en": "Moved down"},
    "trend.steps": {"ko": "변화한 단계 수", "en": "Levels moved"},
    "trend.levels": {"ko": "평균 단계 변화", "en": "Mean level change"},
    "trend.points": {"ko": "평균 점수 변화", "en": "Mean points change"},
    "trend.years": {"ko": "평균 간격(년)", "en": "Mean years between"},
    "trend.dimensions": {"ko": "영역별 평균 점수 변화 (0-5)", "en": "Mean change per dimension (0-5)"},
    "trend.dimension": {"ko": "영역", "en": "Dimension"},
    "trend.change": {"ko": "변화", "en": "Change"},
    "trend.n": {"ko": "기업 수", "en": "Firms"},
    "trend.versions": {"ko": "설문 판이 바뀐 경우", "en": "Where the questionnaire version changed"},
    "trend.version_line": {
        "ko": "{old} → {new}: {firms}곳. 단계는 비교하고, 영역 점수는 옮김 규칙이 같다고 하는 영역만 비교합니다. 비교하지 않은 영역: {dimensions}",
        "en": "{old} → {new}: {firms} firm(s). Levels are compared; dimension scores only where the migration mapping keeps them the same. Not compared: {dimensions}",
    },
    "trend.groups": {"ko": "집단별", "en": "By group"},
    "trend.group": {"ko": "집단", "en": "Group"},
    "trend.all": {"ko": "합계", "en": "All"},
    "trend.programmes": {"ko": "지원사업 참여 전후 비교", "en": "Programme participants before and after"},
    "trend.programme": {"ko": "지원사업", "en": "Programme"},
    "trend.participants": {"ko": "참여 기업 (참여 전 → 후)", "en": "Participants (before → after joining)"},
    "trend.others": {"ko": "미참여 기업 (같은 기간)", "en": "Non-participants (same period)"},
    "trend.already": {
        "ko": "처음부터 참여 중 (비교 제외)",
        "en": "Already in at first assessment (not compared)",
    },
    "trend.difference": {"ko": "차이 (참여 - 미참여)", "en": "Difference (participants - others)"},
    "trend.suppression": {
        "ko": "{min_group}곳 미만인 칸은 {suppressed}로, 다른 칸에서 계산해 낼 수 있는 칸은 {hidden}로 가렸습니다. 기업명과 사업자등록번호는 싣지 않습니다.",
        "en": "Cells of fewer than {min_group} firms show {suppressed}; cells that could be worked out from the others show {hidden}. No names or business numbers are included.",
    },
    "trend.sector": {"ko": "업종별 (KSIC)", "en": "By sector (KSIC)"},
    "trend.region": {"ko": "시도별", "en": "By province"},
    "trend.size": {"ko": "종업원 규모별", "en": "By size band"},
    "trend.source": {"ko": "제출 폴더별", "en": "By source folder"},
    "trend.programme_by": {"ko": "지원사업별", "en": "By programme"},
    "show.title": {"ko": "진단 이력", "en": "Assessment history"},
    "show.date": {"ko": "진단일", "en": "Date"},
    "show.version": {"ko": "설문 판", "en": "Version"},
    "show.mode": {"ko": "방식", "en": "Mode"},
    "show.level": {"ko": "수준", "en": "Level"},
    "show.points": {"ko": "점수", "en": "Points"},
    "show.changes": {"ko": "{old} → {new} 영역별 변화", "en": "Dimension changes {old} → {new}"},
    "show.cleared": {"ko": "해소된 막는 요인", "en": "Blockers cleared"},
    "show.new": {"ko": "새로 생긴 막는 요인", "en": "New blockers"},
    "show.version_changed": {
        "ko": "설문 판이 {old}에서 {new}(으)로 바뀌었습니다. 비교하지 않은 영역: {dimensions}",
        "en": "The questionnaire changed from {old} to {new}. Dimensions not compared: {dimensions}",
    },
    "show.none": {
        "ko": "이 사업자등록번호의 진단 기록이 없습니다.",
        "en": "No assessments of this business number are stored.",
    },
    "show.private": {
        "ko": "이 화면에는 기업명과 사업자등록번호가 있습니다. 공개 자료에 옮기지 마십시오.",
        "en": "This shows a firm's name and business number: keep it out of published material.",
    },
    # --- scoring -----------------------------------------------------------------------------------
    "score.unanswered": {
        "ko": "{n}개 문항에 답하지 않아 0점으로 계산했습니다.",
        "en": "{n} question(s) unanswered; each was scored as 0.",
    },
    "score.no_evidence": {
        "ko": "검증값 4 이상인 {n}개 문항에 증빙이 없습니다.",
        "en": "{n} answer(s) verified at 4 or 5 have no evidence listed.",
    },
    # --- the lift when no realistic one exists (scorecard on screen and report) --------------------
    "card.lift_none_gate": {
        "ko": "현실적인 작은 변경으로는 {level}에 오를 수 없습니다. 어떤 조건은 답 하나를 한 번에 {jump}단계보다 "
        "더 올려야 충족됩니다. 단계별 길은 보고서의 업그레이드 로드맵에 있습니다.",
        "en": "No realistic small set of changes reaches {level}: a condition needs an answer to rise more than "
        "{jump} steps at once. The report's upgrade roadmap shows the way step by step.",
    },
    "card.lift_none_points": {
        "ko": "현실적인 작은 변경으로는 {level}에 오를 수 없습니다. 답마다 {jump}단계까지 올려도 필요한 점수에 "
        "미치지 못합니다. 단계별 길은 보고서의 업그레이드 로드맵에 있습니다.",
        "en": "No realistic small set of changes reaches {level}: even raising answers by up to {jump} steps "
        "does not make up the points. The report's upgrade roadmap shows the way step by step.",
    },
    "report.lift_none_gate": {
        "ko": "현실적인 작은 변경으로는 {level}에 오를 수 없습니다. 어떤 조건은 답 하나를 한 번에 {jump}단계보다 "
        "더 올려야 충족됩니다. 단계별 길은 아래 업그레이드 로드맵에 있습니다.",
        "en": "No realistic small set of changes reaches {level}: a condition needs an answer to rise more than "
        "{jump} steps at once. The upgrade roadmap below shows the way step by step.",
    },
    "report.lift_none_points": {
        "ko": "현실적인 작은 변경으로는 {level}에 오를 수 없습니다. 답마다 {jump}단계까지 올려도 필요한 점수에 "
        "미치지 못합니다. 단계별 길은 아래 업그레이드 로드맵에 있습니다.",
        "en": "No realistic small set of changes reaches {level}: even raising answers by up to {jump} steps "
        "does not make up the points. The upgrade roadmap below shows the way step by step.",
    },
}


def word(key: str, lang: Lang, **params: object) -> str:
    """The word `key` in `lang`, with `{placeholders}` filled from `params`."""
    text = WORDS[key][lang]
    return text.format(**params) if params else text


def months_text(low: int, high: int, lang: Lang) -> str:
    """A duration in months, `2~4개월` or `3개월`."""
    if low == high:
        return word("report.months_one", lang, min=low)
    return word("report.months", lang, min=low, max=high)


def section(prefix: str, lang: Lang) -> Mapping[str, str]:
    """Every word under `prefix.` in one language, keyed without the prefix (for templates).

    Built once per prefix and language (a report asked for it three times, each a scan of every
    word); read-only, since every caller shares it.
    """
    found = _SECTIONS.get((prefix, lang))
    if found is None:
        cut = len(prefix) + 1
        found = MappingProxyType(
            {key[cut:]: texts[lang] for key, texts in WORDS.items() if key.startswith(prefix + ".")}
        )
        _SECTIONS[(prefix, lang)] = found
    return found


_SECTIONS: dict[tuple[str, Lang], Mapping[str, str]] = {}
