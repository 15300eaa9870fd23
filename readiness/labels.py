"""Fixed wording of the report in Korean and English (templates look words up here by key)."""

from __future__ import annotations

from readiness.models import Lang

# key -> (ko, en). Keep keys in template order so a missing translation is easy to spot.
LABELS: dict[str, tuple[str, str]] = {
    # cover
    "title": ("스마트공장 수준 자가진단 보고서", "Smart-factory readiness report"),
    "report_date": ("보고서 작성일", "Report date"),
    "assessment_date": ("진단일", "Assessment date"),
    "mode": ("진단 방식", "Assessment type"),
    "mode_self": ("자가진단", "Self-assessment"),
    "mode_audit": ("현장 진단(컨설턴트 검증)", "Site audit (verified by an assessor)"),
    "assessor": ("진단자", "Assessor"),
    "site": ("사업장", "Site"),
    "business_number": ("사업자등록번호", "Business number"),
    "sector": ("업종(KSIC)", "Sector (KSIC)"),
    "employees": ("종업원 수", "Employees"),
    "revenue": ("연매출", "Annual revenue"),
    "region": ("소재지", "Region"),
    "prior_programmes": ("참여한 지원사업", "Programmes joined before"),
    "questionnaire": ("설문", "Questionnaire"),
    "version": ("버전", "version"),
    "sha256": ("SHA-256", "SHA-256"),
    "not_given": ("미입력", "not given"),
    "not_official": ("공식 수준확인 아님", "Not an official level verification"),
    "disclaimer_lead": (
        "이 보고서는 국가 스마트공장 수준 체계에 맞춘 자가진단 결과이며, 공인 확인기관이 발급하는 "
        "공식 '스마트공장 수준확인'이 아닙니다. 점수도 공식 점수가 아닙니다.",
        "This report is a self-assessment aligned to the national smart-factory level scheme. It is "
        "not an official smart-factory level verification (스마트공장 수준확인), which only accredited "
        "verification bodies issue, and the points are not an official score.",
    ),
    "contents": ("목차", "Contents"),
    # headline
    "headline": ("진단 결과", "Result"),
    "level": ("수준", "Level"),
    "national": ("국가 수준 체계", "National scheme"),
    "points": ("점수", "Points"),
    "of_1000": ("/ 1000점", "/ 1000"),
    "index": ("종합지수(0-5)", "Index (0-5)"),
    "completeness": ("응답률", "Completeness"),
    "answered_of": ("{answered}/{total}개 문항 응답", "{answered} of {total} questions answered"),
    "na_count": ("해당 없음 {n}개", "{n} not applicable"),
    "ladder": ("수준 사다리", "The level ladder"),
    "min_points": ("최소 점수", "min. points"),
    "you_are_here": ("현재 수준", "you are here"),
    "next_step": ("다음 단계", "next"),
    "target": ("목표", "target"),
    "top_reached": ("최고 단계에 도달했습니다.", "This is the top of the ladder."),
    "peers": ("비교 집단", "Peer group"),
    "peer_median": ("비교 집단 중앙값", "Peer median"),
    "peer_count": ("{n}개사", "{n} firms"),
    "peer_percentile": ("상위 {p}%", "top {p}%"),
    # dimensions
    "dimensions": ("영역별 결과", "Dimensions"),
    "dimensions_intro": (
        "각 영역 점수(0-5)는 문항 답의 가중평균이며, 영역 가중치만큼 1000점에 기여합니다.",
        "Each dimension score (0-5) is the weighted mean of its answers and contributes to the 1000 "
        "points by the dimension's weight.",
    ),
    "radar_title": ("영역별 점수 (0-5)", "Dimension scores (0-5)"),
    "bars_title": ("영역별 점수와 다음 수준 요구치", "Dimension scores and what the next level needs"),
    "dimension": ("영역", "Dimension"),
    "weight": ("가중치", "Weight"),
    "answered": ("응답", "Answered"),
    "score": ("점수(0-5)", "Score (0-5)"),
    "points_of_max": ("점수 / 배점", "Points / max"),
    "bar": ("막대", "Bar"),
    "current": ("현재", "Current"),
    "previous": ("이전", "Previous"),
    "required_next": ("다음 수준 요구치", "Needed for the next level"),
    "legend_mark": ("▼ 다음 수준 게이트 요구치", "▼ minimum a next-level gate asks for"),
    "legend_prev": ("│ 이전 진단 점수", "│ previous assessment"),
    # blockers
    "blockers": ("다음 수준을 막는 요인", "What blocks the next level"),
    "blockers_intro": (
        "{level}에 오르려면 {min_points}점 이상이고 아래 조건을 모두 충족해야 합니다.",
        "{level} needs at least {min_points} points and every condition below.",
    ),
    "points_short": ("{points}점 → {min}점 ({short}점 부족)", "{points} → {min} ({short} short)"),
    "points_ok": ("{points}점 ≥ {min}점 (충족)", "{points} ≥ {min} (met)"),
    "gate": ("조건", "Condition"),
    "requirement": ("요구", "Required"),
    "now": ("현재", "Now"),
    "any_of": ("다음 중 하나", "any one of"),
    "met": ("충족", "met"),
    "not_met": ("미충족", "not met"),
    "no_blockers": (
        "막는 조건이 없습니다. 점수만 올리면 됩니다.",
        "No gate blocks it; only points are missing.",
    ),
    "lift": ("다음 수준에 오르는 가장 작은 변경", "Smallest set of changes that reaches it"),
    "lift_intro": (
        "아래 답이 바뀌면 {level} 조건을 모두 충족합니다(점수 계산상 최소 변경).",
        "If these answers changed, every condition of {level} would hold (the arithmetically "
        "smallest change).",
    ),
    "question": ("문항", "Question"),
    "from": ("현재 답", "From"),
    "to": ("목표 답", "To"),
    "unanswered": ("미응답", "unanswered"),
    "na": ("해당 없음", "n/a"),
    "dimension_score": ("영역 점수", "dimension score"),
    # roadmap
    "roadmap": ("업그레이드 로드맵", "Upgrade roadmap"),
    "roadmap_intro": (
        "{current}에서 {target}까지 {n}단계. 각 단계의 조치는 게이트 해소 효과, 그다음 노력 대비 점수 "
        "효과 순으로 정렬했습니다.",
        "{n} phase(s) from {current} to {target}. Actions in each phase are ordered by the gates they "
        "unblock, then by points gained per unit of effort.",
    ),
    "roadmap_none": ("목표 수준에 이미 도달했습니다.", "The target level is already reached."),
    "roadmap_unavailable": (
        "이 설문에 대한 조치 카탈로그가 없어 로드맵을 만들 수 없습니다.",
        "No action catalogue exists for this questionnaire, so no roadmap can be drawn.",
    ),
    "phase": ("단계", "Phase"),
    "phase_points": ("점수 {before} → {after} (필요 {min})", "Points {before} → {after} (needs {min})"),
    "phase_gates": ("해소할 게이트", "Gates to meet"),
    "phase_not_reached": (
        "카탈로그 조치만으로는 이 수준에 도달하지 못합니다. 아래 추가 변경도 필요합니다.",
        "The catalogue actions alone do not reach this level; the further changes below are needed too.",
    ),
    "extra": ("카탈로그 조치가 없는 추가 변경", "Further changes with no catalogue action"),
    "action": ("조치", "Action"),
    "why": ("이유", "Why"),
    "lifts": ("올라가는 문항", "Lifts"),
    "effort": ("노력", "Effort"),
    "cost": ("비용 규모", "Cost band"),
    "duration": ("기간", "Duration"),
    "months": ("{min}~{max}개월", "{min}-{max} months"),
    "months_one": ("{min}개월", "{min} months"),
    "gain": ("점수 효과", "Points"),
    "unblocks": ("게이트 기여", "Works on gate"),
    "funded_by": ("지원 가능 사업", "Funded by"),
    "fits_you": ("해당", "fits you"),
    "effort_low": ("낮음", "low"),
    "effort_medium": ("보통", "medium"),
    "effort_high": ("높음", "high"),
    "cost_under-10m": ("1천만원 미만", "under KRW 10 M"),
    "cost_10m-50m": ("1천만~5천만원", "KRW 10-50 M"),
    "cost_50m-200m": ("5천만~2억원", "KRW 50-200 M"),
    "cost_200m-500m": ("2억~5억원", "KRW 200-500 M"),
    "cost_over-500m": ("5억원 이상", "over KRW 500 M"),
    # programmes
    "programmes": ("지원사업", "Support programmes"),
    "programmes_intro": (
        "카탈로그({version}, {reviewed} 검토) 기준으로 회사 정보와 수준을 지원 조건에 대조했습니다.",
        "Checked against the catalogue ({version}, reviewed {reviewed}) using your company details "
        "and level.",
    ),
    "fits": ("해당하는 사업", "Programmes that fit"),
    "fits_none": ("조건에 모두 맞는 사업이 없습니다.", "No programme fits every condition."),
    "near": ("아깝게 해당하지 않는 사업", "Near misses"),
    "why_fits": ("해당 이유", "Why it fits"),
    "why_not": ("해당하지 않는 이유", "Why not"),
    "check_yourself": ("직접 확인", "Check yourself"),
    "operator": ("운영", "Operator"),
    "funds": ("지원 내용", "Funds"),
    "support": ("지원 규모", "Support"),
    "conditions": ("조건", "Conditions"),
    "call_window": ("공고 시기", "Call window"),
    "source": ("출처", "Source"),
    "verified_on": ("확인일", "last verified"),
    "confidence": ("신뢰도", "confidence"),
    "confidence_confirmed": ("공식 출처 확인", "confirmed"),
    "confidence_secondary": ("2차 출처", "secondary source"),
    "confidence_unconfirmed": ("미확인", "unconfirmed"),
    "amounts_note": ("금액과 조건은 매년 바뀝니다.", "Amounts and conditions change every year."),
    "programme": ("사업", "Programme"),
    "funds_phase1": ("로드맵 1단계 조치 지원", "funds roadmap phase 1"),
    "programmes_unavailable": ("지원사업 카탈로그가 없습니다.", "No programme catalogue is available."),
    "unknown_programmes": (
        "응답서의 참여 사업 중 카탈로그에 없는 ID: {ids}",
        "Programme ids in the answer file that the catalogue does not know: {ids}",
    ),
    # warnings & audit
    "checks": ("확인할 점", "Things to check"),
    "warnings_none": ("타당성 경고가 없습니다.", "No plausibility warnings."),
    "audit": ("주장값과 검증값의 차이", "Claimed vs verified"),
    "audit_intro": (
        "현장 진단에서 검증값이 회사의 주장값과 다른 문항입니다. 점수에는 검증값이 반영됩니다.",
        "Answers where the assessor's verified value differs from the value the firm claimed. The "
        "verified value counts.",
    ),
    "claimed": ("주장", "Claimed"),
    "verified": ("검증", "Verified"),
    "audit_none": ("주장값과 검증값이 모두 같습니다.", "Every verified value matches the claim."),
    "questions": ("관련 문항", "Questions"),
    # progress
    "progress": ("이전 진단 대비 변화", "Progress since the previous assessment"),
    "progress_intro": ("이전 진단: {date}", "Previous assessment: {date}"),
    "level_change": ("수준 변화", "Level"),
    "points_change": ("점수 변화", "Points"),
    "delta": ("변화", "Change"),
    "cleared": ("해소된 막힘", "Blockers cleared"),
    "new_blockers": ("새로 생긴 막힘", "New blockers"),
    "none": ("없음", "none"),
    "other_company": (
        "주의: 이전 진단의 회사명({name})이 다릅니다.",
        "Note: the previous assessment is for a different company name ({name}).",
    ),
    "other_questionnaire": (
        "주의: 이전 진단은 다른 설문 버전({version})으로 채점되었습니다.",
        "Note: the previous assessment was scored with another questionnaire version ({version}).",
    ),
    # appendix
    "appendix": ("부록: 전체 문항과 답", "Appendix: every question and answer"),
    "answer": ("답", "Answer"),
    "descriptor": ("답의 의미", "What it means"),
    "note": ("메모", "Note"),
    "evidence": ("증빙", "Evidence"),
    "counted": ("반영값", "Counted"),
    "footer": ("readiness {version}로 작성", "Made with readiness {version}"),
}


def labels(lang: Lang) -> dict[str, str]:
    """Every label in one language."""
    index = 0 if lang == "ko" else 1
    return {key: pair[index] for key, pair in LABELS.items()}
