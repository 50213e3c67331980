#!/usr/bin/env python3
"""Signed approvals with real keys (ssh-keygen made in the test): a genuine
signed approval passes validate; a forged one (the CISO's id, the
secretary's key) is refused by approve; an approval edited after signing, a
signature under a key that was not valid on the approval's date, and a key
of someone else are reported by validate (approval.signature-invalid); a
rotated key keeps what it signed valid; a required policy refuses an
unsigned approve and reports unsigned approvals (approval.unsigned).
Reviews are signed and checked the same way (review.signature-invalid).
Succession: the former CISO's signature made in the term stands after it,
and the former CISO cannot act after it."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checks import check, finish, missing_tools, run

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def keygen(path):
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", os.path.basename(path), "-f", path],
                   check=True, capture_output=True)
    return open(path + ".pub").read().strip()


def with_keys(config, person, keys):
    """isms-obj.yaml with `keys` (a list of (key, from, until)) for `person`."""
    lines = ["    keys:"]
    for key, since, until in keys:
        lines.append(f'      - key: "{key}"')
        if since:
            lines.append(f'        from: "{since}"')
        if until:
            lines.append(f'        until: "{until}"')
    block = "\n".join(lines) + "\n"
    m = re.search(rf"  - id: {re.escape(person)}\n(    .*\n)+", config)
    return config[:m.end()] + block + config[m.end():]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    if (rc := missing_tools(["ssh-keygen"], "openssh-client is")) is not None:
        return rc
    work = tempfile.mkdtemp(prefix="isms-obj-sign-")
    try:
        store = os.path.join(work, "store")
        shutil.copytree(os.path.join(REPO, "examples", "university"), store)
        ciso, ciso_new, secretary = (os.path.join(work, n) for n in ("ciso", "ciso-2027", "secretary"))
        ciso_pub, ciso_new_pub, secretary_pub = keygen(ciso), keygen(ciso_new), keygen(secretary)
        config_path = os.path.join(store, "isms-obj.yaml")
        original = open(config_path, encoding="utf-8").read()

        def configure(ciso_keys, extra=""):
            text = with_keys(with_keys(original, "lee.ch", ciso_keys), "lin.mh", [(secretary_pub, None, None)])
            open(config_path, "w", encoding="utf-8").write(text + extra)

        def isms(*args, today="2026-12-05"):
            return run([a.binary, "--store", store, "--today", today, *args])

        def signature_findings():
            r = isms("validate")
            return [l for l in r.stdout.splitlines() + r.stderr.splitlines() if "approval.signature" in l
                    or "approval.unsigned" in l]

        configure([(ciso_pub, "2025-08-01", None)])
        approve = ["approve", "--year", "2027", "--unit", "lio", "--by", "lee.ch"]
        written = os.path.join(store, "approvals", "2027", "lio", "r1.yaml")

        def forged_then_genuine(command, path, code, what):
            """Forged (the CISO's id, the secretary's key): refused, nothing
            written. Genuine (the CISO's own key): written, with its
            signature block. Returns the record."""
            r = isms(*command, "--sign-with", secretary)
            check(r.returncode == 2 and code in r.stderr and not os.path.exists(path), f"forged {what}: {r}")
            r = isms(*command, "--sign-with", ciso)
            check(r.returncode == 0 and os.path.exists(path), f"signed {what}: {r}")
            text = open(path, encoding="utf-8").read()
            check("signature: |\n  -----BEGIN SSH SIGNATURE-----" in text, f"no signature block in {what}: {text[-400:]}")
            return text

        record = forged_then_genuine(approve, written, "approval.signature-invalid", "approval")
        check(signature_findings() == [], f"genuine signature reported: {signature_findings()}")

        # Rotation: the old key closed, a new one from 2027; the 2026 signature stands.
        configure([(ciso_pub, "2025-08-01", "2026-12-31"), (ciso_new_pub, "2027-01-01", None)])
        check(signature_findings() == [], f"rotation broke an old signature: {signature_findings()}")

        # A key not valid on the approval's date (it starts after it).
        configure([(ciso_pub, "2026-12-06", None)])
        found = signature_findings()
        check(len(found) == 1 and "r1.yaml:" in found[0] and "has no key valid on 2026-12-05" in found[0],
              f"key not yet valid: {found}")

        # Someone else's key listed for the CISO is still not the signer's.
        configure([(ciso_new_pub, "2025-08-01", None)])
        found = signature_findings()
        check(len(found) == 1 and "not a signature of this record by a key of 'lee.ch'" in found[0],
              f"another key: {found}")

        # Content changed after signing: the comment added by hand.
        configure([(ciso_pub, "2025-08-01", None)])
        open(written, "w", encoding="utf-8").write(record.replace("decision: approved\n",
                                                                  "decision: approved\ncomment: 事後補註\n"))
        found = signature_findings()
        check(len(found) == 1 and "approval.signature-invalid" in found[0], f"edited after signing: {found}")
        open(written, "w", encoding="utf-8").write(record)

        # Signatures required: approve without a key is refused and says how;
        # the example's older, unsigned approvals are reported.
        configure([(ciso_pub, "2025-08-01", None)])
        text = open(config_path, encoding="utf-8").read().replace("policy:\n", "policy:\n  signatures: required\n", 1)
        open(config_path, "w", encoding="utf-8").write(text)
        os.remove(written)
        r = isms(*approve)
        check(r.returncode == 2 and "--sign-with" in r.stderr and not os.path.exists(written), f"required: {r}")
        found = signature_findings()
        check(found and all("approval.unsigned" in f for f in found), f"unsigned under required: {found[:3]}")
        r = isms(*approve, "--sign-with", ciso)
        check(r.returncode == 0 and not any("2027/lio/r1.yaml" in f for f in signature_findings()),
              f"signed under required: {r}")

        # Reviews are signed the same way (namespace isms-obj-review).
        configure([(ciso_pub, "2025-08-01", None)])
        review_file = os.path.join(store, "reviews", "2026", "q3", "lio.yaml")
        os.remove(review_file)
        review = ["review", "--year", "2026", "--quarter", "3", "--unit", "lio", "--record", "--reviewer", "lee.ch",
                  "--opinion", "請持續追蹤弱點修補。"]
        # The review raises the referral of the second miss: the CISO's decision, signed with the review's key.
        referral_file = os.path.join(store, "referrals", "2026", "lio", "vuln-patch-rate.yaml")
        os.remove(referral_file)
        signed_review = forged_then_genuine(review, review_file, "review.signature-invalid", "review")
        found = [l for l in isms("validate").stdout.splitlines() if "review.signature" in l or "review.unsigned" in l
                 or "referral." in l]
        check(found == [], f"genuine review signature reported: {found}")
        referral_text = open(referral_file, encoding="utf-8").read()
        check("state: open\nsignature: |\n  -----BEGIN SSH SIGNATURE-----" in referral_text,
              f"the referral the review raised is not signed: {referral_text[-300:]}")
        # Closing it is the CISO's act, signed by the CISO; the decision's signature stays valid.
        close = ["referral", "--close", "--year", "2026", "--unit", "lio", "--objective", "vuln-patch-rate", "--by",
                 "lee.ch", "--evidence", "舊主機已汰換，修補率回升（矯正措施單 CA-2026-07）"]
        r = isms(*close, "--sign-with", secretary)
        check(r.returncode == 2 and "referral.signature-invalid" in r.stderr, f"closing signed with another key: {r}")
        check(open(referral_file, encoding="utf-8").read() == referral_text, "a refused closing changed the referral")
        r = isms(*close, "--sign-with", ciso)
        closed_text = open(referral_file, encoding="utf-8").read()
        check(r.returncode == 0 and "closing_signature: |\n  -----BEGIN SSH SIGNATURE-----" in closed_text,
              f"signed closing: {r} {closed_text[-300:]}")
        found = [l for l in isms("validate").stdout.splitlines() if "referral." in l]
        check(found == [], f"a signed decision and closing reported: {found}")
        open(referral_file, "w", encoding="utf-8").write(closed_text.replace("CA-2026-07", "CA-2026-08"))
        found = [l for l in isms("validate").stdout.splitlines() if "referral.signature-invalid" in l]
        check(len(found) == 1, f"closing evidence edited after signing: {found}")
        open(referral_file, "w", encoding="utf-8").write(closed_text)
        open(review_file, "w", encoding="utf-8").write(signed_review.replace("請持續追蹤弱點修補。", "同意備查。"))
        found = [l for l in isms("validate").stdout.splitlines() if "review.signature-invalid" in l]
        check(len(found) == 1 and "lio.yaml:" in found[0], f"review edited after signing: {found}")
        os.remove(review_file)
        # The signing review is not the secretary's (nor anybody's but the CISO of the day).
        r = isms(*review[:-4], "--reviewer", "lin.mh", "--opinion", "同意。", "--sign-with", secretary)
        check(r.returncode == 2 and "may not record the review" in r.stderr, f"secretary's review: {r}")

        # The unit head's confirmation is signed with the head's own key
        # (lin.mh heads lio; namespace isms-obj-confirmation).
        confirmation_file = os.path.join(store, "confirmations", "2026", "q3", "lio.yaml")
        confirm = ["review", "--year", "2026", "--quarter", "3", "--unit", "lio", "--confirm", "--by", "lin.mh"]
        r = isms(*confirm, "--sign-with", ciso)
        check(r.returncode == 2 and "confirmation.signature-invalid" in r.stderr and not os.path.exists(confirmation_file),
              f"confirmation signed with the CISO's key: {r}")
        r = isms(*confirm, "--sign-with", secretary)
        check(r.returncode == 0 and os.path.exists(confirmation_file), f"signed confirmation: {r}")
        found = [l for l in isms("validate").stdout.splitlines() if "confirmation." in l]
        check(found == [], f"genuine confirmation reported: {found}")
        head_fingerprint = subprocess.run(["ssh-keygen", "-lf", secretary + ".pub"], capture_output=True, text=True,
                                          check=True).stdout.split()[1]
        form = isms("report", "--year", "2026", "--quarter", "3", "--unit", "lio", "--form", "review").stdout
        check(f"林明輝（確認於民國115年12月5日，簽章金鑰 {head_fingerprint}）" in form,
              f"the 005-02 form does not name the head's key: {form[-600:]}")
        trail = isms("history", "--year", "2026", "--unit", "lio").stdout
        check(f"第3季實績經權責主管確認  林明輝" in trail and f"簽章金鑰 {head_fingerprint}" in trail,
              f"history does not show the signed confirmation: {trail[-600:]}")
        signed_confirmation = open(confirmation_file, encoding="utf-8").read()
        open(confirmation_file, "w", encoding="utf-8").write(signed_confirmation.replace("pii-incidents: 1",
                                                                                        "pii-incidents: 2"))
        found = [l for l in isms("validate").stdout.splitlines() if "confirmation.signature-invalid" in l]
        check(len(found) == 1, f"confirmation edited after signing: {found}")
        os.remove(confirmation_file)

        # Succession: the former CISO's key ends with the term; what they
        # signed in the term stands, and after it they cannot act.
        predecessor = os.path.join(work, "chan")
        predecessor_pub = keygen(predecessor)
        text = with_keys(with_keys(with_keys(original, "lee.ch", [(ciso_pub, "2025-08-01", None)]), "lin.mh",
                                   [(secretary_pub, None, None)]),
                         "chan.sy", [(predecessor_pub, "2022-08-01", "2025-07-31")])
        open(config_path, "w", encoding="utf-8").write(text)
        if os.path.exists(written):
            os.remove(written)
        r = isms(*approve[:-1], "chan.sy", "--sign-with", predecessor, today="2025-07-20")
        check(r.returncode == 0 and os.path.exists(written), f"approval in the predecessor's term: {r}")
        check(signature_findings() == [], f"predecessor's signature after succession: {signature_findings()}")
        os.remove(written)
        r = isms(*approve[:-1], "chan.sy", "--sign-with", predecessor)
        check(r.returncode == 2 and "that is 'lee.ch'" in r.stderr and not os.path.exists(written),
              f"predecessor after the term: {r}")
        r = isms(*approve, "--sign-with", ciso)
        check(r.returncode == 0 and signature_findings() == [], f"successor: {r} {signature_findings()}")
        # The printed form states who signed and with which key, as ssh-keygen -l names it.
        fingerprint = subprocess.run(["ssh-keygen", "-lf", ciso + ".pub"], capture_output=True, text=True,
                                     check=True).stdout.split()[1]
        form = isms("report", "--year", "2027", "--unit", "lio", "--form", "setting").stdout
        check(f"資通安全長：李志宏 (民國115年12月5日，簽章金鑰 {fingerprint})" in form,
              f"the 005-01 footer does not name the key {fingerprint}: {form[-300:]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
