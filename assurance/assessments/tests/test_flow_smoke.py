from assurance.assessments.tests.factories import open_assessment, to_moderated
from assurance.assessments import services


def test_whole_cycle(version, council, lead, assessor, second_assessor):
    a = open_assessment(assessor=assessor, version=version, organisation=council)
    to_moderated(a, lead, assessor, second_assessor, levels=[1, 2, 3, 4])
    letter = services.assessment_issue(actor=assessor, assessment=a)
    assert letter.pdf.read()[:5] == b"%PDF-"
