# Builds dist\LlamaDesk-<version>-setup.exe on Windows 10/11 (x64):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs Python 3.11+ (python on PATH) and Inno Setup 6 (iscc on PATH, or in its usual folder).
# The installer is not signed; set $env:WINDOWS_SIGN_COMMAND to a signtool command line
# (it gets the file to sign appended) to sign LlamaDesk.exe, llamadesk-cli.exe and the setup.
# NOT BUILT OR TESTED HERE (Linux): see packaging/README.md.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

function Invoke-Checked {
    param([string]$What, [scriptblock]$Block)
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: $What failed (exit code $LASTEXITCODE)." }
}

$version = (python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()
if ($LASTEXITCODE -ne 0) { throw "build.ps1: needs Python 3.11 or newer on PATH." }
$work = "build\windows"
if (Test-Path $work) { Remove-Item -Recurse -Force $work }
New-Item -ItemType Directory -Force $work, dist | Out-Null

Invoke-Checked "making the build environment" { python -m venv "$work\venv" }
$py = "$work\venv\Scripts\python.exe"
Invoke-Checked "installing PyInstaller and LlamaDesk" {
    & $py -m pip install --quiet --disable-pip-version-check -r packaging\bundle\requirements.txt .
}
Invoke-Checked "drawing the icon" { & $py packaging\bundle\icons.py ico resources\llamadesk.svg "$work\llamadesk.ico" }
Invoke-Checked "compiling the translations" { & $py packaging\translations.py compile resources\i18n }
Invoke-Checked "PyInstaller" {
    & $py -m PyInstaller --noconfirm --clean --distpath "$work\dist" --workpath "$work\pyinstaller" packaging\windows\llamadesk.spec
}
$said = (& "$work\dist\llamadesk\llamadesk-cli.exe" --version | Out-String).Trim()
if ($said -ne "llamadesk $version") { throw "build.ps1: the bundle says '$said', not 'llamadesk $version'." }

if ($env:WINDOWS_SIGN_COMMAND) {
    foreach ($exe in "LlamaDesk.exe", "llamadesk-cli.exe") {
        Invoke-Checked "signing $exe" { cmd /c "$env:WINDOWS_SIGN_COMMAND `"$work\dist\llamadesk\$exe`"" }
    }
}

$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "build.ps1: Inno Setup 6 was not found (choco install innosetup)." }
Invoke-Checked "Inno Setup" { & $iscc /Q "/DAppVersion=$version" packaging\windows\llamadesk.iss }
$setup = "dist\LlamaDesk-$version-setup.exe"
if ($env:WINDOWS_SIGN_COMMAND) { Invoke-Checked "signing the installer" { cmd /c "$env:WINDOWS_SIGN_COMMAND `"$setup`"" } }
Write-Host "build.ps1: built $setup"
