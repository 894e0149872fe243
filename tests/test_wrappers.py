"""First-party wrappers of trackers: every call of an imported wrapper is a sighting of the
tracker it forwards to, located at the call, and a page importing the caller is reached."""

from __future__ import annotations

from pathlib import Path

from pixellint import api
from pixellint.config import Config


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


HELPERS = """\
export const isServer = () => typeof window === "undefined";

export const ga = (eventName: string, data?: object) => {
  if (!isServer()) {
    window.dataLayer = window.dataLayer || [];
    window.dataLayer.push({
      event: eventName,
      ...data,
    });
  }
};
"""

FORM = """\
"use client";
import { useState } from "react";
import { ga } from "../../lib/client/clientHelpers";

export function SubmitButton({ formID, formTitle }: { formID: string; formTitle: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      onClick={() => {
        setBusy(true);
        ga("form_submission", { formID, formTitle });
      }}
    >
      Submit
    </button>
  );
}

export function track(step: number) {
  ga("next_step", { step });
}
"""

PLAUSIBLE = """\
export const triggerGoal = (name: string, props: Record<string, unknown>) => {
  window.plausible(name, { props });
};
"""

CARD = """\
import * as Analytics from "@/Utils/analytics";
import { trackStep } from "./Form";

export default function PatientInfoCard({ patient }) {
  const open = () => {
    Analytics.triggerGoal("Patient Card Opened", { patientId: patient.id });
  };
  trackStep(2);
  return <div onClick={open}>{patient.name}</div>;
}
"""


def test_each_call_of_an_imported_wrapper_is_located(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "lib/client/clientHelpers.ts": HELPERS,
            "components/forms/SubmitButton.tsx": FORM,
        },
    )
    result = api.run([tmp_path], Config(), all_pages=True, cache=False)
    calls = sorted(
        (s.location.line, s.location.column, s.tracker)
        for s in result.sightings
        if s.location.path == "components/forms/SubmitButton.tsx"
    )
    assert calls == [(11, 9, "google-tag-manager"), (20, 3, "google-tag-manager")]
    detail = next(s.detail for s in result.sightings if s.location.line == 11)
    assert "lib/client/clientHelpers.ts" in detail


def test_a_namespace_import_and_a_wrapper_of_a_wrapper(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}',
            "src/Utils/analytics.ts": PLAUSIBLE,
            "src/components/Form.ts": (
                'import { triggerGoal } from "@/Utils/analytics";\n'
                "export function trackStep(step: number) {\n"
                '  triggerGoal("Step", { step });\n'
                "}\n"
            ),
            "src/components/PatientInfoCard.tsx": CARD,
        },
    )
    result = api.run([tmp_path], Config(), all_pages=True, cache=False)
    (own,) = [s for s in result.sightings if s.location.path == "src/Utils/analytics.ts"]
    card = sorted(
        (s.location.line, s.tracker)
        for s in result.sightings
        if s.location.path == "src/components/PatientInfoCard.tsx"
    )
    assert card == [(6, own.tracker), (8, own.tracker)]


def test_a_sensitive_page_reaches_the_wrapper_call_it_imports(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pixellint.toml": 'sensitive = ["app/patient/**"]\n',
            "lib/client/clientHelpers.ts": HELPERS,
            "components/forms/SubmitButton.tsx": FORM,
            "app/patient/page.tsx": (
                'import { SubmitButton } from "../../components/forms/SubmitButton";\n'
                "export default function Page() {\n"
                '  return <SubmitButton formID="intake" formTitle="Intake" />;\n'
                "}\n"
            ),
            "app/about/page.tsx": "export default function About() { return <p>About us</p>; }\n",
        },
    )
    result = api.run([tmp_path], None, cache=False)
    pages = {e.page for f in result.findings for e in f.exposures}
    assert pages == {"app/patient/page.tsx"}
    located = {(f.location.path, f.location.line) for f in result.findings}
    assert ("components/forms/SubmitButton.tsx", 11) in located


def test_a_local_function_with_the_same_name_is_not_the_wrapper(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "lib/client/clientHelpers.ts": HELPERS,
            "components/Other.ts": (
                "const ga = (name: string) => console.log(name);\n"
                "export function go() {\n"
                '  ga("clicked");\n'
                "}\n"
            ),
        },
    )
    result = api.run([tmp_path], Config(), all_pages=True, cache=False)
    assert [s for s in result.sightings if s.location.path == "components/Other.ts"] == []
