"""The four audiences the CAC trains, as every install starts with them."""

AUDIENCES = [
    {
        "slug": "youth",
        "name": "Youth",
        "description": "Teens aged 13 to 17: what exploitation looks like and where to "
        "get help. No account needed.",
        "allows_anonymous_learners": True,
        "for_minors": True,
        "earns_formal_certificates": False,
        "sort_order": 1,
    },
    {
        "slug": "parents",
        "name": "Parents",
        "description": "What to look for, how to talk with your child, and what to do "
        "if you are worried.",
        "allows_anonymous_learners": True,
        "earns_formal_certificates": False,
        "sort_order": 2,
    },
    {
        "slug": "caregivers",
        "name": "Caregivers",
        "description": "Foster, kinship and residential caregivers: risks, warning "
        "signs, disclosures and working with DCF and the CAC.",
        "allows_anonymous_learners": True,
        "earns_formal_certificates": False,
        "sort_order": 3,
    },
    {
        "slug": "providers",
        "name": "Providers",
        "description": "Mandated reporters: Massachusetts law, indicators, responding "
        "to a disclosure and filing a 51A. A certificate for the hours of training.",
        "allows_anonymous_learners": True,
        "earns_formal_certificates": True,
        "sort_order": 4,
    },
]
