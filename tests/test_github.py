"""The GitHub set-up: workflows that parse and call only real `invoke` tasks and flags, and the templates contributors fill in.

Every `invoke ...` command in a workflow's `run:` scripts (and in the scripts they
run, such as .ci/run) is parsed the way the `invoke` program parses it, against
the real task collection in tasks.py: an unknown task, an unknown flag, a flag
without its value or a missing positional argument fails here, not on GitHub.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
ISSUE_TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
PR_TEMPLATE = GITHUB / "PULL_REQUEST_TEMPLATE.md"
WORKFLOW_FILES = ("pull-request.yml", "links-weekly.yml", "publish.yml")  # each runs invoke
REVIEW_WORKFLOW = "crisis-number-review.yml"  # labels pull requests that change a crisis number; runs no code of ours
ISSUE_FORMS = ("suggest-a-resource.yml", "report-wrong-details.yml", "report-crisis-line.yml", "request-a-country.yml")


# -- reading workflows -------------------------------------------------------------------


def load_workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: a workflow is a mapping"
    if True in data:  # YAML 1.1 reads the key `on` as the boolean True
        data["on"] = data.pop(True)
    return data


@pytest.fixture(scope="module")
def workflows() -> dict[str, dict]:
    return {name: load_workflow(WORKFLOWS / name) for name in (*WORKFLOW_FILES, REVIEW_WORKFLOW)}


def steps_of(workflow: dict):
    """(job id, step) for every step of every job."""
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps") or []:
            yield job_id, step


def step_using(workflow: dict, action: str) -> list[dict]:
    return [step for _job, step in steps_of(workflow) if str(step.get("uses", "")).split("@")[0] == action]


def run_scripts(workflow: dict) -> list[str]:
    return [step["run"] for _job, step in steps_of(workflow) if "run" in step]


def triggers(workflow: dict) -> dict:
    on = workflow["on"]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


def permissions(workflow: dict, job_id: str) -> dict:
    """The token's permissions in a job: the job's own, or else the workflow's."""
    job = workflow["jobs"][job_id]
    return job["permissions"] if "permissions" in job else workflow.get("permissions", {})


# -- finding the invoke calls in a shell script ------------------------------------------

GITHUB_EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.S)
ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
FD_BEFORE_REDIRECT = re.compile(r"(?<![\w/.-])\d+(?=[<>])")  # the 2 in 2>&1
PREFIXES = {"if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "exec", "command", "env", "nohup", "sudo"}
INVOKE_PROGRAMS = {"invoke", "inv"}


class UnreadableCall(ValueError):
    """The script runs invoke in a way this checker does not understand; teach it, rather than let the call go unchecked."""


def logical_lines(script: str) -> list[str]:
    """Lines with continuations joined, and quoted strings that span lines kept whole."""
    script = GITHUB_EXPRESSION.sub("GITHUB_EXPRESSION", script)
    script = re.sub(r"\\\r?\n", " ", script)
    lines, pending = [], ""
    for line in script.splitlines():
        pending = f"{pending}\n{line}" if pending else line
        try:
            shlex.split(pending, comments=True)
        except ValueError:  # an open quote: the string goes on to the next line
            continue
        lines.append(pending)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def simple_commands(line: str) -> list[list[str]]:
    """The words of each command in a line, split at ; && || | & ( ), without redirections."""
    lexer = shlex.shlex(FD_BEFORE_REDIRECT.sub("", line), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    commands, words, skip_next = [], [], False
    for token in lexer:
        if skip_next:
            skip_next = False
        elif token and set(token) <= set("();<>|&"):
            if set(token) & set(";|()") or token in ("&", "&&"):
                commands.append(words)
                words = []
            skip_next = "<" in token or ">" in token  # a redirection: the file (or descriptor) it names is no argument
        else:
            words.append(token)
    commands.append(words)
    return [words for words in commands if words]


def _is_script(word: str, root: Path) -> Path | None:
    if word.startswith("-") or "/" not in word:
        return None
    path = (root / word).resolve()
    return path if path.is_file() and root in path.parents else None


def invoke_calls(script: str, root: Path = ROOT, _seen: frozenset = frozenset()) -> list[list[str]]:
    """The arguments of every `invoke` call in a shell script, each as the list invoke gets (after the program name).

    Follows `bash FILE`, `sh FILE`, `./FILE` into scripts of the repository, and `bash -c "..."`.
    """
    calls = []
    for line in logical_lines(script):
        for words in simple_commands(line):
            while words and (words[0] in PREFIXES or ASSIGNMENT.match(words[0])):
                words = words[1:]
            if not words:
                continue
            program = Path(words[0]).name
            if program in INVOKE_PROGRAMS:
                calls.append(words[1:])
                continue
            if re.fullmatch(r"python[0-9.]*", program) and words[1:3] == ["-m", "invoke"]:
                calls.append(words[3:])
                continue
            if program in {"bash", "sh"} and len(words) > 2 and words[1] == "-c":
                calls += invoke_calls(words[2], root, _seen)
                continue
            target = _is_script(words[1], root) if program in {"bash", "sh"} and len(words) > 1 else _is_script(words[0], root)
            if target is not None and target not in _seen:
                calls += invoke_calls(target.read_text(encoding="utf-8"), root, _seen | {target})
                continue
            hidden = [word for word in words[1:] if Path(word).name in INVOKE_PROGRAMS]
            if hidden:
                raise UnreadableCall(f"invoke is run by {words[0]!r} in: {line.strip()}")
    return calls


# -- checking an invoke call against tasks.py ----------------------------------------------


@pytest.fixture(scope="module")
def collection():
    from invoke import Collection

    import tasks

    return Collection.from_module(tasks)


def accepted(collection) -> dict[str, list[str]]:
    """Each task's flags as `invoke` accepts them: dashed names, --no-X for booleans that default to True."""
    found = {}
    for context in collection.to_contexts():
        flags = sorted(set(context.flags) | set(context.inverse_flags))
        positional = [f"<{arg.name}>" for arg in context.positional_args]
        found[context.name] = positional + flags
    return found


def invoke_problem(argv: list[str], collection) -> str | None:
    """Why `invoke ARGV` would not run the tasks it names (None when it would), as the invoke program parses it."""
    from invoke import Program
    from invoke.parser import ParseError, Parser

    initial = Program().initial_context  # core flags: --help, --list, --echo, ...
    try:
        core = Parser(initial=initial, ignore_unknown=True).parse_argv(argv)
        parsed = Parser(initial=initial, contexts=collection.to_contexts()).parse_argv(core.unparsed)
    except (ParseError, ValueError) as exc:
        known = accepted(collection)
        named = [word for word in argv if word in known]
        hint = (
            "; ".join(f"{task} takes {' '.join(known[task]) or 'nothing'}" for task in named) or f"the tasks are {', '.join(sorted(known))}"
        )
        return f"{exc} ({hint})"
    if len(parsed) < 2 and not any(core[0].args[name].value for name in ("help", "list", "version")):
        return "names no task"
    return None


def workflow_invoke_calls(workflow: dict) -> list[list[str]]:
    return [call for script in run_scripts(workflow) for call in invoke_calls(script)]


# -- the workflows ---------------------------------------------------------------------------


def test_the_workflows_are_there():
    assert {p.name for p in WORKFLOWS.glob("*.yml")} >= {*WORKFLOW_FILES, REVIEW_WORKFLOW}
    assert not list(WORKFLOWS.glob("*.yaml")), "name workflows .yml, like the others"


@pytest.mark.parametrize("name", [*WORKFLOW_FILES, REVIEW_WORKFLOW])
def test_workflow_is_well_formed(name, workflows):
    workflow = workflows[name]
    assert {"name", "on", "jobs", "permissions"} <= set(workflow), f"{name}: needs name, on, jobs and permissions"
    assert triggers(workflow), f"{name}: `on` names no event"
    assert workflow["jobs"], f"{name}: no jobs"
    for job_id, job in workflow["jobs"].items():
        where = f"{name}: job {job_id}"
        assert "runs-on" in job, f"{where}: no runs-on"
        assert isinstance(job.get("timeout-minutes"), int), f"{where}: give it timeout-minutes, or a hung run takes 6 hours"
        assert isinstance(job.get("steps"), list) and job["steps"], f"{where}: no steps"
        for number, step in enumerate(job["steps"], 1):
            assert isinstance(step, dict), f"{where}, step {number}: not a mapping"
            assert ("run" in step) != ("uses" in step), f"{where}, step {number}: needs `run` or `uses` (one of them)"
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+", step["uses"]), (
                    f"{where}: pin {step['uses']!r} to a major version, e.g. @v4"
                )
            if "run" in step:
                assert isinstance(step["run"], str) and step["run"].strip(), f"{where}, step {number}: empty run"
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            assert need in workflow["jobs"], f"{where}: needs unknown job {need!r}"


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_every_invoke_call_names_a_real_task_with_real_flags(name, workflows, collection):
    calls = workflow_invoke_calls(workflows[name])
    assert calls, f"{name}: no invoke call found"
    problems = [f"invoke {' '.join(call)}: {problem}" for call in calls if (problem := invoke_problem(call, collection))]
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_workflows_install_as_the_readme_says(name, workflows):
    scripts = run_scripts(workflows[name])
    assert "python -m venv .venv && .venv/bin/pip install -r requirements.txt" in scripts
    (setup,) = step_using(workflows[name], "actions/setup-python")
    assert str(setup["with"]["python-version"]) == "3.11"


def test_pull_request_workflow(workflows, tmp_path):
    import os
    import subprocess
    import sys

    workflow = workflows["pull-request.yml"]
    assert "pull_request" in triggers(workflow)
    assert "pull_request_target" not in triggers(workflow), "never run a contributor's code with write access"
    assert workflow["permissions"] == {"contents": "read"}
    (job_id,) = workflow["jobs"]
    assert "permissions" not in workflow["jobs"][job_id]
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "secrets[" not in text, "a contributor's entries run with no secrets"
    (checkout,) = step_using(workflow, "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False, "the token is not left where the contributor's code can read it"
    (checkout,) = step_using(workflow, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0, "--changed compares with the base branch: it needs the history"
    calls = workflow_invoke_calls(workflow)
    for task in ("check", "links"):
        (call,) = [c for c in calls if c[0] == task]
        assert "--changed" in call and "--base" in call, call
        base = call[call.index("--base") + 1]
        env = workflow["jobs"][job_id].get("env", {})
        assert "base_ref" in (env.get(base.strip("$")) if base.startswith("$") else base), (
            f"{task} --base must be the pull request's base branch"
        )
    assert ["build"] in calls
    assert any(script.strip() == "bash .ci/run" for script in run_scripts(workflow)), "the tests run as CI runs them"
    assert ["browser", "test"] in calls  # .ci/run, followed

    # A pull request that changes only entries runs the site's tests, without the browser; any other change, the whole suite.
    steps = workflow["jobs"][job_id]["steps"]
    (changes,) = [step for step in steps if step.get("id") == "changes"]
    (whole,) = [step for step in steps if step.get("run", "").strip() == "bash .ci/run"]
    (site,) = [step for step in steps if "test" in [c[0] for c in invoke_calls(step.get("run", ""))]]
    assert steps.index(changes) < steps.index(site) and steps.index(changes) < steps.index(whole)
    assert "steps.changes.outputs.only_entries == 'true'" in site["if"] and "steps.changes.outputs.only_entries != 'true'" in whole["if"]
    assert "steps.build.outcome == 'success'" in site["if"] and "steps.build.outcome == 'success'" in whole["if"]
    (call,) = invoke_calls(site["run"])
    assert "--no-browser" in call and "-k" in call
    chosen = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not browser", "-k", call[call.index("-k") + 1]],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert (
        "test_fields.py::test_every_starter_entry_satisfies_the_schema" in chosen and "test_budgets.py::test_page_weight_budgets" in chosen
    )
    assert "test_validation.py" not in chosen, "only the tests of the site built from the entries"

    def only_entries(*changed: str, base: str = "main") -> str:
        """What the step says for a pull request changing these files, run in a repository of its own."""
        repo = tmp_path / f"repo-{len(list(tmp_path.iterdir()))}"
        git = lambda *args: subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)  # noqa: E731
        repo.mkdir()
        git("init", "-q", "-b", "main")
        for name in ("content/crisis-helpline/a.md", "plugins/entries/x.py", "theme/static/site.css", "data/vocabularies.yaml"):
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text("before\n")
        git("add", "-A")
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base")
        git("checkout", "-q", "-b", "pull")
        for name in changed:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text("after\n")
        git("add", "-A")
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "pull")
        output = repo.parent / f"{repo.name}.output"
        env = {"PATH": os.environ["PATH"], "BASE": base, "GITHUB_OUTPUT": str(output)}
        subprocess.run(["bash", "-eo", "pipefail", "-c", changes["run"]], cwd=repo, env=env, check=True)
        return output.read_text()

    assert only_entries("content/crisis-helpline/a.md", "content/peer-community/new-group.md") == "only_entries=true\n"
    for other in (
        "plugins/entries/x.py",
        "theme/static/site.css",
        "data/vocabularies.yaml",
        ".github/workflows/pull-request.yml",
        "README.md",
    ):
        assert only_entries("content/crisis-helpline/a.md", other) == "only_entries=false\n", other
    assert only_entries() == "only_entries=false\n", "nothing changed: the whole suite"
    assert only_entries("content/crisis-helpline/a.md", base="no-such-branch") == "only_entries=false\n", (
        "when git cannot say: the whole suite"
    )


def test_weekly_link_check(workflows):
    workflow = workflows["links-weekly.yml"]
    on = triggers(workflow)
    assert "workflow_dispatch" in on
    crons = [entry["cron"] for entry in on["schedule"]]
    assert crons and all(len(cron.split()) == 5 for cron in crons)
    check_job = workflow["jobs"]["links"]
    assert permissions(workflow, "links") == {"contents": "read", "issues": "write"}
    assert workflow["permissions"] == {"contents": "read"}

    steps = check_job["steps"]
    (links,) = [step for step in steps if step.get("id") == "links"]
    call = invoke_calls(links["run"])[0]
    assert call[0] == "links" and {"--scheduled", "--json", "--cache"} <= set(call), call
    json_file, cache_file = call[call.index("--json") + 1], call[call.index("--cache") + 1]
    assert links.get("continue-on-error") is True, "the issue step must run when links are broken"

    # the cache: a new key every run, the newest restored, saved even when the job fails
    (restore,) = [step for step in steps if step.get("uses", "").startswith("actions/cache/restore@")]
    (save,) = [step for step in steps if step.get("uses", "").startswith("actions/cache/save@")]
    assert restore["with"]["path"] == save["with"]["path"] == cache_file
    assert "github.run_id" in restore["with"]["key"] and restore["with"]["key"] == save["with"]["key"]
    assert restore["with"]["key"].startswith(restore["with"]["restore-keys"])
    assert re.search(r"always\(\)|!cancelled\(\)", save["if"])
    assert steps.index(restore) < steps.index(links) < steps.index(save)

    issue, details = weekly_issue_steps(workflow)
    assert re.search(r"always\(\)|!cancelled\(\)", issue["if"])
    script = issue["with"]["script"]
    assert json_file in script and "'broken-links'" in script and "'broken'" in script
    assert "issues.create(" in script and "issues.update(" in script and "state: 'closed'" in script
    # the drift check's issue: kept the same way, from the same JSON's details
    assert re.search(r"always\(\)|!cancelled\(\)", details["if"]) and "continue-on-error" not in details
    script = details["with"]["script"]
    assert json_file in script and "'details-not-found'" in script and "'not-found'" in script and ".details" in script
    assert "issues.create(" in script and "issues.update(" in script and "state: 'closed'" in script
    last = steps[-1]
    assert steps.index(links) < steps.index(issue) < steps.index(last) and steps.index(links) < steps.index(details) < steps.index(last)
    assert "steps.links.outcome == 'failure'" in last["if"] and "exit 1" in last["run"], "the job fails at the end when links are broken"

    # the cache-keeping run restores the same cache on another day, and checks nothing
    keep = workflow["jobs"]["keep-cache"]
    (keep_cron,) = re.findall(r"'([^']+)'", keep["if"])
    assert keep_cron in crons and f"!= '{keep_cron}'" in check_job["if"]
    assert [step["uses"].split("@")[0] for step in keep["steps"]] == ["actions/cache/restore", "actions/cache/save"]
    assert keep["steps"][0]["with"]["restore-keys"] == restore["with"]["restore-keys"]


def weekly_issue_steps(workflow: dict) -> tuple[dict, dict]:
    """The weekly check's two issue-keeping steps: broken-links, then details-not-found."""
    scripts = step_using(workflow, "actions/github-script")
    (broken,) = [step for step in scripts if "const label = 'broken-links';" in step["with"]["script"]]
    (details,) = [step for step in scripts if "const label = 'details-not-found';" in step["with"]["script"]]
    return broken, details


def run_details_issue(workflows, tmp_path: Path, details: list[dict], open_issues: list[dict]) -> list[list]:
    """Run the weekly details-not-found script in Node over a links.json, with a stand-in for GitHub's API."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (GitHub's runners have it): apt-get install nodejs")
    (tmp_path / "links.json").write_text(json.dumps({"links": [], "details": details}), encoding="utf-8")
    harness = """
    const [script, issues] = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const calls = [];
    const call = (name, result) => async (params) => { calls.push([name, params]); return { data: result }; };
    const github = {
      paginate: async (method, params) => (await method(params)).data,
      rest: { issues: { listForRepo: call('listForRepo', issues), getLabel: call('getLabel', {}), createLabel: call('createLabel', {}),
                        create: call('create', { number: 5 }), update: call('update', {}), createComment: call('createComment', {}) } },
    };
    const context = { repo: { owner: 'o', repo: 'r' }, serverUrl: 'https://github.com', runId: 1, sha: 'abc' };
    const core = { info: () => {}, warning: () => {} };
    const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
    new AsyncFunction('require', 'github', 'context', 'core', script)(require, github, context, core)
      .then(() => console.log(JSON.stringify(calls)))
      .catch((error) => { console.error(error); process.exit(1); });
    """
    _broken, step = weekly_issue_steps(workflows["links-weekly.yml"])
    stdin = json.dumps([step["with"]["script"], open_issues])
    result = subprocess.run([node, "-e", harness], input=stdin, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def detail(name: str, status: str, value: str = "0808 808 1677") -> dict:
    return {
        "source": f"content/crisis-helpline/{name}.md",
        "field": "phone",
        "value": value,
        "status": status,
        "pages": [f"https://{name}.example.org/"],
    }


def test_weekly_details_issue_lists_the_details_not_found(workflows, tmp_path):
    details = [detail("a", "not-found"), detail("b", "found"), detail("c", "unchecked"), detail("d", "not-found", "116 | 123")]
    calls = run_details_issue(workflows, tmp_path, details, [])
    assert [name for name, _params in calls] == ["listForRepo", "getLabel", "create"]
    assert calls[0][1]["labels"] == "details-not-found"
    created = calls[-1][1]
    assert created["labels"] == ["details-not-found"]
    body = created["body"]
    assert "**2 detail(s)**" in body and "1 more detail(s) could not be looked for" in body
    entry = "[content/crisis-helpline/a.md](https://github.com/o/r/blob/abc/content/crisis-helpline/a.md)"
    assert f"| {entry} | phone | 0808 808 1677 | https://a.example.org/ |" in body
    assert "116 \\| 123" in body  # a table cell cannot be broken out of
    assert "content/crisis-helpline/b.md" not in body and "content/crisis-helpline/c.md" not in body
    assert "correct the entry" in body and "`sources`" in body


def test_weekly_details_issue_is_updated_with_the_new_ones_then_closed(workflows, tmp_path):
    earlier = {"number": 3, "body": '<!-- details-not-found: ["content/crisis-helpline/a.md phone 0808 808 1677"] -->'}
    calls = run_details_issue(workflows, tmp_path, [detail("a", "not-found"), detail("d", "not-found")], [earlier])
    assert [name for name, _params in calls] == ["listForRepo", "update", "createComment"]
    comment = calls[-1][1]["body"]
    assert "1 more detail(s) not found" in comment and "d.md" in comment and "a.md" not in comment
    calls = run_details_issue(workflows, tmp_path, [detail("a", "found"), detail("d", "unchecked")], [earlier])
    assert [name for name, _params in calls] == ["listForRepo", "update", "createComment", "update"]
    assert calls[-1][1] == {"owner": "o", "repo": "r", "issue_number": 3, "state": "closed", "state_reason": "completed"}


def test_publish_workflow(workflows):
    workflow = workflows["publish.yml"]
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    assert workflow["concurrency"]["group"] == "pages"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert permissions(workflow, "deploy") == {"pages": "write", "id-token": "write"}
    assert step_using(workflow, "actions/deploy-pages")
    (pages,) = step_using(workflow, "actions/configure-pages")
    (upload,) = step_using(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "output"
    (build,) = [step for _job, step in steps_of(workflow) if "invoke build" in step.get("run", "")]
    assert invoke_calls(build["run"]) == [["build", "--settings", "publishconf.py"]]
    assert (ROOT / "publishconf.py").is_file()
    assert build["env"]["SIGNPOST_SITEURL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
    # "Report a problem" leads to the repository the site is published from (publishconf.py reads it)
    assert build["env"]["SIGNPOST_REPOSITORY"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build["env"]["SIGNPOST_REPORT_EMAIL"] == "${{ vars.SIGNPOST_REPORT_EMAIL }}", "optional, and never made up"
    publishconf = (ROOT / "publishconf.py").read_text(encoding="utf-8")
    for name in ("SIGNPOST_SITEURL", "SIGNPOST_REPOSITORY", "SIGNPOST_REPORT_EMAIL"):
        assert f'os.environ.get("{name}", "")' in publishconf, name


# -- a second pair of eyes on crisis numbers ------------------------------------------------


def review_script(workflows) -> str:
    (step,) = step_using(workflows[REVIEW_WORKFLOW], "actions/github-script")
    return step["with"]["script"]


def test_crisis_number_review_never_runs_the_pull_requests_code(workflows):
    workflow = workflows[REVIEW_WORKFLOW]
    on = triggers(workflow)
    assert set(on) == {"pull_request_target"}, "labelling a fork's pull request needs pull_request_target, and nothing else"
    assert set(on["pull_request_target"]["types"]) == {"opened", "synchronize", "reopened"}
    assert on["pull_request_target"]["paths"] == ["content/crisis-helpline/**"]
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write", "issues": "write"}
    assert all("permissions" not in job for job in workflow["jobs"].values()), "no job asks for more"
    # No checkout and no shell: one script written here, which reads the diffs through the API
    assert not step_using(workflow, "actions/checkout")
    steps = [step for _job, step in steps_of(workflow)]
    assert [step["uses"].split("@")[0] for step in steps] == ["actions/github-script"]
    assert not run_scripts(workflow)
    text = (WORKFLOWS / REVIEW_WORKFLOW).read_text(encoding="utf-8")
    assert "secrets." not in text and "secrets[" not in text
    # Nothing from the pull request is pasted into the script, where it would become code
    script = review_script(workflows)
    assert "${{" not in script
    assert "github.rest.pulls.listFiles" in script and "github.paginate" in script
    for reading_code in ("eval(", "Function(", "require(", "exec", "getContent", "downloadArtifact"):
        assert reading_code not in script, reading_code
    # The design is explained at the top
    header = text.split("\nname:")[0]
    assert "pull_request_target" in header and "never run" in header and "no checkout" in header


def test_crisis_number_review_labels_and_asks_for_a_second_reviewer(workflows):
    script = review_script(workflows)
    assert "const LABEL = 'crisis-number-change';" in script
    assert "new Set(['phone', 'text', 'text_keyword'])" in script and "'content/crisis-helpline/'" in script
    assert "issues.addLabels(" in script and "issues.createComment(" in script and "issues.updateComment(" in script
    assert "second reviewer" in script and "against the service's own page" in script and "never ring or text" in script


def run_review(workflows, files: list[dict], comments: list[dict] | None = None) -> list[list]:
    """Run the workflow's script in Node with a stand-in for GitHub's API; the API calls it made."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (GitHub's runners have it): apt-get install nodejs")
    harness = """
    const [script, files, comments] = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const calls = [];
    const call = (name, result) => async (params) => { calls.push([name, params]); return { data: result }; };
    const github = {
      paginate: async (method, params) => (await method(params)).data,
      rest: {
        pulls: { listFiles: call('listFiles', files) },
        issues: { addLabels: call('addLabels', []), listComments: call('listComments', comments),
                  createComment: call('createComment', {}), updateComment: call('updateComment', {}) },
      },
    };
    const context = { repo: { owner: 'o', repo: 'r' }, payload: { pull_request: { number: 7 } } };
    const core = { info: () => {} };
    const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
    new AsyncFunction('github', 'context', 'core', script)(github, context, core)
      .then(() => console.log(JSON.stringify(calls)))
      .catch((error) => { console.error(error); process.exit(1); });
    """
    stdin = json.dumps([review_script(workflows), files, comments or []])
    result = subprocess.run([node, "-e", harness], input=stdin, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def patch(*lines: str) -> str:
    return "\n".join(("@@ -1,9 +1,9 @@", *lines))


@pytest.mark.parametrize(
    ("diff", "fields"),
    [
        (patch(" title: Example", '-phone: "0808 157 0123"', '+phone: "0808 157 0124"', " cost: free"), ["phone"]),
        (patch("-text_keyword: HELLO", "+text_keyword: SHOUT", '-text: "85258"', '+text: "85259"'), ["text", "text_keyword"]),
        (patch(" phone:", '-  "0808 157 0123"', '+  "0808 157 0124"'), ["phone"]),  # the value on the next line
        (patch('+"phone": "116 123"'), ["phone"]),  # a new line, the key quoted
        (None, ["phone", "text", "text_keyword"]),  # GitHub gave no diff (a very large file): counted as changed
    ],
)
def test_a_changed_crisis_number_gets_the_label_and_one_comment(workflows, diff, fields):
    file = {"filename": "content/crisis-helpline/example.md", "changes": 2} | ({"patch": diff} if diff is not None else {"changes": 5000})
    calls = run_review(workflows, [file])
    names = [name for name, _params in calls]
    assert names == ["listFiles", "addLabels", "listComments", "createComment"]
    assert calls[0][1]["pull_number"] == 7
    assert calls[1][1] == {"owner": "o", "repo": "r", "issue_number": 7, "labels": ["crisis-number-change"]}
    body = calls[3][1]["body"]
    assert "second reviewer" in body and "`content/crisis-helpline/example.md`" in body
    assert ", ".join(f"`{field}`" for field in fields) in body


@pytest.mark.parametrize(
    "file",
    [
        {"filename": "content/crisis-helpline/example.md", "patch": patch(" phone: 116 123", "-hours: 24/7", "+hours: Mo-Fr 09:00-17:00")},
        {"filename": "content/crisis-helpline/example.md", "status": "renamed", "changes": 0},  # moved, not changed: no diff
        {
            "filename": "content/crisis-helpline/example.md",
            "patch": patch("---", " Body", "-Call 116 123 any time.", "+Call 116 123 at any hour."),
        },
        {"filename": "content/peer-community/example.md", "patch": patch('-phone: "0808 157 0123"', '+phone: "0808 157 0124"')},
    ],
)
def test_other_changes_get_no_label(workflows, file):
    assert [name for name, _params in run_review(workflows, [file])] == ["listFiles"]


def test_a_second_push_updates_the_comment_instead_of_adding_one(workflows):
    file = {"filename": "content/crisis-helpline/example.md", "patch": patch('-phone: "116 123"', '+phone: "116 124"')}
    earlier = {"id": 99, "user": {"type": "Bot"}, "body": "<!-- crisis-number-review -->\nA crisis number changed"}
    calls = run_review(workflows, [file], [{"id": 1, "user": {"type": "User"}, "body": "<!-- crisis-number-review -->"}, earlier])
    assert [name for name, _params in calls][-1] == "updateComment" and calls[-1][1]["comment_id"] == 99


# -- the checker can fail ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        (".venv/bin/invoke check", [["check"]]),
        (
            "invoke check --changed \\\n  --base origin/${{ github.base_ref }}",
            [["check", "--changed", "--base", "origin/GITHUB_EXPRESSION"]],
        ),
        ("python -m venv .venv && .venv/bin/pip install x && .venv/bin/invoke browser test", [["browser", "test"]]),
        ('invoke links || echo "invoke links failed"; inv build', [["links"], ["build"]]),
        ("FOO=1 BAR=2 invoke search 'crisis line' --json > hits.json 2>&1 | tee log", [["search", "crisis line", "--json"]]),
        ("if ! .venv/bin/python -m invoke bench build; then exit 1; fi  # comment: invoke nothing", [["bench", "build"]]),
        ('bash -c "invoke clean"', [["clean"]]),
        ("(invoke clean)>log &>>all && invoke build 2>&1|tee out", [["clean"], ["build"]]),
        ("echo 'run invoke check'\n# invoke frobnicate\n", []),
        ("bash .ci/run", [["browser", "test"]]),
    ],
)
def test_invoke_calls_are_found(script, expected):
    assert invoke_calls(script) == expected


def test_an_invoke_call_the_checker_cannot_read_fails():
    with pytest.raises(UnreadableCall):
        invoke_calls("find content -name '*.md' | xargs .venv/bin/invoke check")


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--content", "content", "--json", "out.json"],
        ["links", "--changed", "--base", "origin/main", "--max-age", "24"],
        ["links", "--json=links.json"],
        ["bench", "build"],
        ["bench", "search", "--sizes", "1000"],
        ["search", "crisis line", "--json"],
        ["browser", "test"],
        ["test", "--no-browser", "-k", "links"],
        ["build", "--help"],
        ["--echo", "build"],
        ["--list"],
    ],
)
def test_the_checker_accepts_real_calls(argv, collection):
    assert invoke_problem(argv, collection) is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "--frobnicate"], "--frobnicate"),  # an unknown flag
        (["frobnicate"], "frobnicate"),  # an unknown task
        (["links", "--changd"], "--changd"),  # a misspelt flag
        (["build", "--no-content"], "--no-content"),  # --no- only for booleans that default to True
        (["search"], "positional"),  # a missing positional argument
        (["links", "--json"], "value"),  # a flag without its value
        (["links", "--max-age", "a week"], "a week"),  # not a number
        (["build", "extra"], "extra"),  # a stray argument
        ([], "no task"),
    ],
)
def test_the_checker_rejects_what_invoke_would_reject(argv, message, collection):
    problem = invoke_problem(argv, collection)
    assert problem is not None and message in problem


def test_accepted_flags_follow_invokes_rules(collection):
    flags = accepted(collection)
    assert "--max-age" in flags["links"] and "--max_age" not in flags["links"]  # underscores become dashes
    assert "--no-browser" in flags["test"]  # a boolean that defaults to True can be turned off
    assert "--no-json" not in flags["check"]
    assert flags["search"][0] == "<query>" and flags["bench"][0] == "<what>"


# -- the templates -------------------------------------------------------------------------

FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load_form(name: str) -> dict:
    data = yaml.safe_load((ISSUE_TEMPLATES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def form_text(form: dict) -> str:
    """Everything a reporter reads in a form, as one string."""
    return yaml.safe_dump(form, allow_unicode=True, width=10_000)


@pytest.mark.parametrize("name", ISSUE_FORMS)
def test_issue_form_is_well_formed(name):
    form = load_form(name)
    assert {"name", "description", "body"} <= set(form), f"{name}: needs name, description and body"
    assert isinstance(form["body"], list) and form["body"]
    ids = []
    for number, element in enumerate(form["body"], 1):
        where = f"{name}, element {number}"
        assert element.get("type") in FORM_TYPES, f"{where}: type {element.get('type')!r}"
        attributes = element.get("attributes") or {}
        if element["type"] == "markdown":
            assert attributes.get("value"), f"{where}: empty markdown"
            continue
        assert attributes.get("label"), f"{where}: needs a label"
        if element["type"] in {"dropdown", "checkboxes"}:
            options = attributes.get("options")
            assert options and all(isinstance(o, str) if element["type"] == "dropdown" else o.get("label") for o in options), where
        if "id" in element:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), where
            ids.append(element["id"])
    assert len(ids) == len(set(ids)), f"{name}: repeated ids"
    assert any(element["type"] != "markdown" and (element.get("validations") or {}).get("required") for element in form["body"])


@pytest.mark.parametrize("name", ISSUE_FORMS)
def test_issue_forms_warn_about_personal_details_and_point_to_crisis_lines(name):
    text = form_text(load_form(name)).lower()
    assert "do not post personal details" in text
    assert "if you are in crisis" in text and "crisis line" in text
    privacy = [e for e in load_form(name)["body"] if e.get("id") == "privacy"]
    assert privacy and all(option.get("required") for option in privacy[0]["attributes"]["options"])


def test_wrong_details_form_marks_crisis_lines_as_urgent():
    form = load_form("report-wrong-details.yml")
    assert "outdated" in form["labels"]
    (crisis,) = [e for e in form["body"] if e["type"] == "dropdown" and e["attributes"]["label"] == "Is this a crisis line?"]
    assert crisis["validations"]["required"] is True
    assert any(option.startswith("Yes") and "urgent" in option for option in crisis["attributes"]["options"])
    assert "`urgent`" in form_text(form) and "treated as **urgent**" in form_text(form)

    crisis_form = load_form("report-crisis-line.yml")
    assert {"outdated", "urgent", "crisis-line"} <= set(crisis_form["labels"])
    assert "urgent" in crisis_form["name"].lower()


def test_each_form_asks_where_the_information_came_from():
    for name in ("suggest-a-resource.yml", "report-wrong-details.yml", "report-crisis-line.yml"):
        ids = {e.get("id") for e in load_form(name)["body"]}
        assert {"source", "checked"} <= ids, name


def test_blank_issues_are_off_and_no_address_is_made_up():
    config = yaml.safe_load((ISSUE_TEMPLATES / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    for link in config.get("contact_links") or []:
        assert {"name", "url", "about"} <= set(link) and "example" not in link["url"]
    assert {p.name for p in ISSUE_TEMPLATES.glob("*.yml")} == set(ISSUE_FORMS) | {"config.yml"}


def test_pull_request_template_asks_where_and_when():
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    lower = text.lower()
    assert "## where the information came from" in lower
    assert "organisation's own page" in lower and "link" in lower
    assert re.search(r"date you checked", lower) and "YYYY-MM-DD" in text
    assert "`last_reviewed`" in text
    checklist = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert any("invoke check" in item for item in checklist)
    assert any("committed suicide" in item for item in checklist), "the safe-messaging item"
    assert any("personal data" in item for item in checklist)
    assert "crisis line" in lower
