"""The .deb installed with dpkg, and /usr/bin/llamadesk used as a user would: --version, ask over
HTTP and over HTTPS trusted only through the system store, tokens in a real Secret Service, a chat
in the window under Xvfb; then `dpkg -r` leaves the user's chats, settings and keys alone.

Marked `packaging`: selected only with --packaging (README's test command and CI pass it). The
tests run in file order, the removal last; each uses the module's one installed package.
"""

from __future__ import annotations

import re
import sqlite3
import ssl
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import LoopbackServer
from tests.packaging.conftest import VERSION
from tests.packaging.installed import (
    BUNDLE,
    INSTALLED,
    dpkg,
    in_secret_service,
    run_installed,
    snapshot,
    user_env,
    wait_until,
    xvfb,
)
from tests.packaging.system_ca import make_company_ca, trusted_by_the_system

pytestmark = pytest.mark.packaging

TOKEN = "cf-packaging-token-5e2c8a1f9b"
ACCOUNT = "acc-packaging"
KEYRING_TOKEN = "cf-keyring-token-7b3d1e9a04"
HICOLOR = Path("/usr/share/icons/hicolor")
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def workers_ai_args(server: LoopbackServer) -> list[str]:
    return ["--base-url", f"{server.url}/client/v4", "--account-id", ACCOUNT]


def test_the_package_holds_the_app_its_menu_entry_icons_and_metainfo(installed: Path) -> None:
    assert installed.resolve() == BUNDLE / "llamadesk"
    listed = subprocess.run(
        ["dpkg", "-L", "llamadesk"], capture_output=True, text=True, timeout=60, check=True
    ).stdout.splitlines()
    desktop = Path("/usr/share/applications/llamadesk.desktop")
    metainfo = Path("/usr/share/metainfo/io.github.llamadesk.LlamaDesk.metainfo.xml")
    for path in (desktop, metainfo, Path("/usr/share/doc/llamadesk/copyright")):
        assert str(path) in listed
    for tool in (
        ["desktop-file-validate", str(desktop)],
        ["appstreamcli", "validate", "--no-net", str(metainfo)],
    ):
        done = subprocess.run(tool, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    for size in ICON_SIZES:
        png = (HICOLOR / f"{size}x{size}" / "apps" / "llamadesk.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (size, size)
    assert (HICOLOR / "scalable" / "apps" / "llamadesk.svg").is_file()


def test_the_bundle_carries_no_upx_webengine_or_gtk(installed: Path) -> None:
    names = {path.name for path in BUNDLE.rglob("*")}
    unwanted = [n for n in names if re.match(r"lib(Qt6(WebEngine|Quick|Qml)|gtk-3|gdk-3)", n)]
    assert not unwanted, unwanted
    for path in BUNDLE.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            assert b"UPX!" not in path.read_bytes()[:4096], f"{path} is packed with UPX"
    assert b"UPX!" not in (BUNDLE / "llamadesk").read_bytes()[:4096]


def test_version_comes_from_pyproject(installed: Path, user_home: Path) -> None:
    env = user_env(user_home)
    assert run_installed("--version", env=env).stdout == f"llamadesk {VERSION}\n"
    assert run_installed("ask", "--version", env=env).stdout == f"llamadesk {VERSION}\n"
    assert f"(LlamaDesk {VERSION})" in run_installed("ask", "--help", env=env).stdout
    package_version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "llamadesk"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert package_version == VERSION


def test_ask_streams_from_the_loopback_server_in_both_dialects(
    installed: Path, user_home: Path
) -> None:
    env = user_env(user_home, CLOUDFLARE_API_TOKEN=TOKEN)
    with LoopbackServer() as server:
        run = run_installed("ask", *workers_ai_args(server), "Hi", env=env)
        assert (run.code, run.stdout) == (0, "Hello, world!\n"), run.stderr
        assert server.requests[-1].header("authorization") == f"Bearer {TOKEN}"
        run = run_installed(
            "ask",
            "--backend",
            "openai",
            "--base-url",
            f"{server.url}/v1",
            "--model",
            "m",
            "--json",
            "Hi",
            env=env,
        )
        assert run.code == 0 and '"response": "Hello, world!"' in run.stdout, run.stderr
    assert TOKEN not in run.stdout + run.stderr


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoopbackServer, Path]]:
    company = make_company_ca(tmp_path_factory.mktemp("company-ca"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(company["cert"], company["key"])
    with LoopbackServer(tls=context) as server:
        yield server, company["ca"]


def test_https_is_trusted_through_the_system_store_only(
    installed: Path, user_home: Path, tls_server: tuple[LoopbackServer, Path]
) -> None:
    server, ca = tls_server
    args = ["ask", *workers_ai_args(server), "Hi"]
    env = user_env(user_home, CLOUDFLARE_API_TOKEN=TOKEN)
    refused = run_installed(*args, env=env)
    assert refused.code == 8 and "could not be verified" in refused.stderr, refused
    with trusted_by_the_system(ca):
        trusted = run_installed(*args, env=env)
        assert (trusted.code, trusted.stdout) == (0, "Hello, world!\n"), trusted.stderr
        # A machine whose OpenSSL looks for certificates where none are (the build machine's
        # path, pyinstaller #7229): truststore falls back to the system's own bundle.
        elsewhere = user_env(
            user_home,
            CLOUDFLARE_API_TOKEN=TOKEN,
            SSL_CERT_FILE="/nonexistent/cert.pem",
            SSL_CERT_DIR="/nonexistent/certs",
        )
        fallback = run_installed(*args, env=elsewhere)
        assert (fallback.code, fallback.stdout) == (0, "Hello, world!\n"), fallback.stderr
    assert run_installed(*args, env=env).code == 8  # trusted no longer: the store is as it was


@pytest.fixture(scope="module")
def token_in_keyring(installed: Path, user_home: Path) -> str:
    """`token set` stored KEYRING_TOKEN in gnome-keyring's Secret Service (checked there)."""
    script = (
        f"{INSTALLED} token set --account-id {ACCOUNT} && "
        f"{INSTALLED} token status --account-id {ACCOUNT} && "
        f"secret-tool lookup service llamadesk username workers-ai:{ACCOUNT}"
    )
    run = in_secret_service(script, user_env(user_home), stdin=KEYRING_TOKEN + "\n")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "Saved the token" in lines[0] and "Secret Service" in lines[0], lines
    assert "is saved in the Secret Service" in lines[1], lines
    assert lines[2] == KEYRING_TOKEN  # what libsecret itself finds under LlamaDesk's name
    return KEYRING_TOKEN


def test_tokens_are_kept_in_the_real_secret_service(
    installed: Path, user_home: Path, token_in_keyring: str
) -> None:
    with LoopbackServer() as server:
        script = f"{INSTALLED} ask {' '.join(workers_ai_args(server))} Hi"
        run = in_secret_service(script, user_env(user_home))  # no token in the environment
        assert (run.code, run.stdout) == (0, "Hello, world!\n"), run.stderr
        assert server.requests[-1].header("authorization") == f"Bearer {token_in_keyring}"
    assert token_in_keyring not in run.stdout + run.stderr


def data_dir(home: Path) -> Path:
    return home / ".local" / "share" / "LlamaDesk"


def stored_messages(home: Path) -> list[tuple[str, str, str]]:
    path = data_dir(home) / "history.db"
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
        return db.execute("SELECT role, text, state FROM messages ORDER BY id").fetchall()


def xdotool(display: str, *args: str) -> str:
    """xdotool on `display`; `search --sync` waits for a window, at most 60 s."""
    try:
        done = subprocess.run(
            ["xdotool", *args],
            env={"DISPLAY": display, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"xdotool {' '.join(args)}: nothing happened in 60 s") from None
    assert done.returncode == 0, f"xdotool {args}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def chatted(installed: Path, user_home: Path) -> list[tuple[str, str, str]]:
    """One chat typed into the installed window under Xvfb; the messages its history stored."""
    with LoopbackServer() as server, xvfb() as display:
        env = user_env(user_home, DISPLAY=display)
        endpoint = ["--backend", "openai", "--base-url", f"{server.url}/v1", "--model", "m"]
        app = subprocess.Popen(
            [str(INSTALLED), *endpoint],
            env=env,
            cwd=user_home,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        failure: AssertionError | None = None
        try:
            window = xdotool(display, "search", "--sync", "--onlyvisible", "--name", "^LlamaDesk$")
            xdotool(display, "windowfocus", "--sync", window.split()[0])
            xdotool(display, "type", "--delay", "10", "Hello from the bundle")
            xdotool(display, "key", "Return")
            wait_until(
                lambda: any(r.url_path.endswith("/chat/completions") for r in server.requests),
                30,
                "the chat request",
            )
            request = next(r for r in server.requests if r.url_path.endswith("/chat/completions"))
            assert request.wait_settled(30) == "complete"
            wait_until(
                lambda: ("assistant", "Hello, world!", "done") in stored_messages(user_home),
                30,
                "the stored reply",
            )
            xdotool(display, "key", "ctrl+q")
            assert app.wait(30) == 0
        except AssertionError as caught:  # reported below with what the app said
            failure = caught
        finally:
            if app.poll() is None:
                app.kill()
            _out, err = app.communicate(timeout=30)
    if failure is not None:
        raise AssertionError(f"{failure}\nllamadesk's stderr:\n{err[-3000:]}") from failure
    assert "Traceback" not in err and "Could not load the Qt platform plugin" not in err, err
    assert b"Hello from the bundle" in request.body
    return stored_messages(user_home)


def test_the_window_completes_a_chat_under_xvfb(chatted: list[tuple[str, str, str]]) -> None:
    assert chatted == [
        ("user", "Hello from the bundle", "done"),
        ("assistant", "Hello, world!", "done"),
    ]


def test_removing_the_package_keeps_chats_settings_and_keys(
    installed: Path, user_home: Path, chatted: list[tuple[str, str, str]], token_in_keyring: str
) -> None:
    """Last in the file: it removes the package."""
    data = data_dir(user_home)
    assert (data / "settings.json").is_file() and (data / "history.db").is_file()
    before = snapshot(user_home / ".local" / "share")  # chats, settings and the keyring file
    done = dpkg("-r", "llamadesk")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not INSTALLED.exists() and not BUNDLE.exists()
    assert not Path("/usr/share/applications/llamadesk.desktop").exists()
    assert snapshot(user_home / ".local" / "share") == before
    assert stored_messages(user_home) == chatted
    lookup = in_secret_service(
        f"secret-tool lookup service llamadesk username workers-ai:{ACCOUNT}", user_env(user_home)
    )
    assert lookup.stdout == token_in_keyring, lookup.stderr
