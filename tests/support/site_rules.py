"""A site's own rules folder, as the Contoso example writes it: one attested rule citing the
site's change policy, one automatic rule citing its naming standard (tests/test_site_rules.py,
tests/test_html_one_truth.py)."""

NAMING_SOURCE = """\
    source:
      title: Contoso naming standard
      reference: NS-01
      quote: Notification Servers are named NS<release><n>.
"""
"""The naming rule's citation, as written (a test replaces it)."""

CONTOSO_RULES = """\
itmscheck_rules: 1
chapter: {number: 2, title: Migrating Symantec Management Platform}
rules:
  - id: CONTOSO-CHANGE-APPROVED
    title: The change board approved the migration
    phases: [pre]
    severity: blocker
    attest: The change board approved change CHG-1042 for this migration.
    remediation: Present the pre-phase report to the change board and record its approval.
    source:
      title: Contoso change policy
      reference: section 4.2
      url: https://intranet.contoso.example/policies/change
      quote: Every production migration needs the change board's approval.
  - id: CONTOSO-NS-NAMED
    title: The 7.5 server follows the naming convention
    phases: [pre]
    severity: warning
    check: {type: matches, fact: target.host.name, pattern: '^NS7', meaning: a name NS7<n>}
    remediation: Rename the 7.5 server NS7<n> before installing.
""" + NAMING_SOURCE
