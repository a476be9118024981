"""Secret stores: the OS keyring (service "llamadesk") and an in-memory one; never a plaintext file."""

from __future__ import annotations

from typing import Any

from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.secrets import SecretStoreError

SERVICE = "llamadesk"

_FRIENDLY = {
    "SecretService": QT_TRANSLATE_NOOP(
        "KeyringSecretStore", "the Secret Service (GNOME Keyring, KWallet or KeePassXC)"
    ),
    "Keyring": QT_TRANSLATE_NOOP("KeyringSecretStore", "the system keyring"),
    "KWallet": "KWallet",
    "WinVaultKeyring": QT_TRANSLATE_NOOP("KeyringSecretStore", "Windows Credential Manager"),
    "Windows": QT_TRANSLATE_NOOP("KeyringSecretStore", "Windows Credential Manager"),
    "macOS": QT_TRANSLATE_NOOP("KeyringSecretStore", "the macOS Keychain"),
    "libsecret": QT_TRANSLATE_NOOP("KeyringSecretStore", "the Secret Service (libsecret)"),
}
_UNUSABLE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class KeyringSecretStore:
    """Tokens in the OS keyring via `keyring`. Imported lazily: backend discovery is slow."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service
        self._backend: Any = None

    def _keyring(self) -> Any:
        if self._backend is None:
            import keyring

            backend = keyring.get_keyring()
            module = type(backend).__module__
            if any(module.startswith(bad) for bad in _UNUSABLE_MODULES):
                raise SecretStoreError(
                    translate(
                        "KeyringSecretStore",
                        "No OS keyring is available on this system (no Secret Service, Keychain or "
                        "Credential Manager was found), so LlamaDesk cannot store tokens safely.",
                    )
                )
            self._backend = backend
        return self._backend

    @property
    def available(self) -> bool:
        try:
            self._keyring()
        except SecretStoreError:
            return False
        return True

    @property
    def description(self) -> str:
        try:
            backend = self._keyring()
        except SecretStoreError:
            return translate("KeyringSecretStore", "no OS keyring available")
        name = type(backend).__module__.rsplit(".", 1)[-1]
        friendly = _FRIENDLY.get(name, _FRIENDLY.get(type(backend).__name__))
        return translate("KeyringSecretStore", friendly) if friendly else type(backend).__name__

    def get(self, name: str) -> str | None:
        value = self._call("get_password", name)
        return value if isinstance(value, str) else None

    def set(self, name: str, value: str) -> None:
        self._call("set_password", name, value)

    def delete(self, name: str) -> None:
        import keyring.errors

        try:
            self._call("delete_password", name)
        except SecretStoreError as exc:
            if not isinstance(exc.__cause__, keyring.errors.PasswordDeleteError):
                raise

    def _call(self, method: str, *args: str) -> Any:
        backend = self._keyring()
        import keyring.errors

        try:
            return getattr(backend, method)(self._service, *args)
        except keyring.errors.KeyringError as exc:
            # The backend's own message may be technical, but it never contains the secret.
            raise SecretStoreError(
                translate("KeyringSecretStore", "The keyring refused the request: {name__}").format(
                    name__=type(exc).__name__
                )
            ) from exc


class MemorySecretStore:
    """Secrets kept for this process only (tests, and "keep for this session" in the app)."""

    def __init__(self, initial: dict[str, str] | None = None) -> None:
        self._values = dict(initial or {})

    @property
    def description(self) -> str:
        return translate("MemorySecretStore", "this session only (not saved)")

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        self._values[name] = value

    def delete(self, name: str) -> None:
        self._values.pop(name, None)
