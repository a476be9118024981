"""A test set's prompts made concrete for a run: library prompts looked up, parameters merged,
and every case checked to have a value for each variable it will be asked with.

Everything that would make a request fail before it is sent is found here, so a run with a
mistake in its file sends nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

from app.core.evals.model import PromptChoice, ResolvedPrompt, TestSet
from app.core.evals.tree import TestSetError, clip
from app.core.params import ParameterError, SamplingParams
from app.core.prompts.library import LibraryError, PromptLibrary, PromptSummary, PromptVersion
from app.core.prompts.ref import PromptRef, PromptRefError, is_label
from app.core.prompts.variables import (
    BUILTIN_NAMES,
    VariableSpec,
    braced,
    too_long_filled,
    variable_names,
)

_VERSION: Final = re.compile(r"[vV]([1-9][0-9]{0,8})")
#: Library prompts listed to find one by name (the library's own listing limit).
_NAME_LOOKUP_LIMIT: Final = 500


def resolve_prompts(ts: TestSet, library: PromptLibrary | None) -> list[ResolvedPrompt]:
    """Each prompt of `ts`, in order, ready to send; TestSetError naming the field otherwise."""
    resolved: list[ResolvedPrompt] = []
    for index, choice in enumerate(ts.prompts):
        path = f"prompts[{index}]"
        params = _params(ts.params, choice, path)
        if choice.library is None:
            prompt = ResolvedPrompt(choice.id, choice.system or "", params)
            specs: Sequence[VariableSpec] = ()
        else:
            version, summary = _library_version(choice.library, library, f"{path}.library")
            prompt = ResolvedPrompt(
                choice.id,
                version.text,
                params,
                ref=f"{version.prompt_id}@{version.number}",
                name=summary.name,
                defaults={spec.name: spec.default for spec in version.variables if spec.default},
            )
            specs = version.variables
        _check_cases(ts, prompt, specs)
        resolved.append(prompt)
    return resolved


def case_values(ts: TestSet, case_index: int, prompt: ResolvedPrompt) -> dict[str, str]:
    """The variable values one request of a case is asked with: the prompt's declared defaults,
    then the set's values, then the case's (built-ins are added when it is sent)."""
    return {**prompt.defaults, **ts.vars, **ts.tests[case_index].vars}


def _params(
    set_params: Mapping[str, int | float], choice: PromptChoice, path: str
) -> SamplingParams:
    merged = {**set_params, **choice.params}
    try:
        return SamplingParams(**merged).validated()  # type: ignore[arg-type]
    except (ParameterError, TypeError) as exc:
        raise TestSetError(
            f"the parameters cannot be sent ({exc})", field=f"{path}.params"
        ) from None


def _library_version(
    written: str, library: PromptLibrary | None, field: str
) -> tuple[PromptVersion, PromptSummary]:
    if library is None:
        raise TestSetError(
            f"“{clip(written)}” is a library prompt, but there is no prompt library here; "
            "write the prompt inline with system: instead",
            field=field,
        )
    name, at, suffix = written.rpartition("@")
    if not at:
        name, suffix = written, ""
    name = name.strip()
    summary = _by_name(library, name, field)
    try:
        if not suffix:
            return library.version(summary.id, summary.latest), summary
        if version := _VERSION.fullmatch(suffix):
            return library.version(summary.id, int(version[1])), summary
        if not is_label(suffix):
            raise TestSetError(
                f"“{clip(suffix)}” is neither a version (v3) nor a label of “{clip(name)}”",
                field=field,
            )
        if suffix not in dict(summary.labels):
            labels = ", ".join(label for label, _ in summary.labels) or "none yet"
            raise TestSetError(
                f"“{clip(name)}” has no label “{suffix}” (its labels: {labels})", field=field
            )
        return library.resolve(PromptRef(summary.id, label=suffix)), summary
    except (LibraryError, PromptRefError) as exc:
        raise TestSetError(
            f"“{clip(written)}” cannot be used: {str(exc).rstrip('.')}", field=field
        ) from None


def _by_name(library: PromptLibrary, name: str, field: str) -> PromptSummary:
    if not name:
        raise TestSetError("name the library prompt, as in “Support bot@production”", field=field)
    found = [p for p in library.prompts(name, limit=_NAME_LOOKUP_LIMIT) if p.name == name]
    if not found:  # a name typed in another case is still the same prompt
        wanted = name.casefold()
        candidates = library.prompts(name, limit=_NAME_LOOKUP_LIMIT)
        found = [p for p in candidates if p.name.casefold() == wanted]
    if not found:
        raise TestSetError(f"the prompt library has no prompt named “{clip(name)}”", field=field)
    if len(found) > 1:
        raise TestSetError(
            f"{len(found)} library prompts are named “{clip(name)}”; rename one", field=field
        )
    return found[0]


def _check_cases(ts: TestSet, prompt: ResolvedPrompt, specs: Sequence[VariableSpec]) -> None:
    """Every case has a value for each variable the prompt and its input use, fitting its
    declaration (a library prompt's choices, numbers, one-line texts)."""
    prompt_names = [n for n in variable_names(prompt.system) if n not in BUILTIN_NAMES]
    declared = {spec.name: spec for spec in specs}
    for index, case in enumerate(ts.tests):
        values = case_values(ts, index, prompt)
        used = dict.fromkeys([*prompt_names, *variable_names(case.input)])
        for name in used:
            if name in BUILTIN_NAMES:
                continue
            value = values.get(name)
            if value is None:
                raise TestSetError(
                    f"{braced(name)} has no value for the prompt “{prompt.id}”; add it to this "
                    "case's vars or to the set's vars",
                    field=f"tests[{index}]",
                )
            spec = declared.get(name)
            if spec is not None and (why := spec.value_problem(value)) is not None:
                raise TestSetError(why, field=f"tests[{index}].vars.{name}")
        # Built-ins (a date, a name) are short: the values decide whether a text explodes.
        if (why := too_long_filled(prompt.system, values)) is not None:
            raise TestSetError(
                f"{why.rstrip('.')} (the prompt “{prompt.id}”)", field=f"tests[{index}].vars"
            )
        if (why := too_long_filled(case.input, values)) is not None:
            raise TestSetError(why.rstrip("."), field=f"tests[{index}].input")
