; Inno Setup 6 script: the Windows installer, from the PyInstaller bundle build.ps1 made.
;   iscc /DAppVersion=0.1.0 packaging\windows\llamadesk.iss   (build.ps1 does it)
; Installs for the current user without administrator rights (or for all users, if chosen);
; uninstalling removes the program only: chats and settings (%LOCALAPPDATA%\LlamaDesk) and the
; tokens in Windows Credential Manager stay.
; NOT BUILT OR TESTED HERE (Linux): see packaging/README.md.
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z llamadesk.iss
#endif

[Setup]
AppId={{11137C07-20AC-4979-A59C-18520005FC13}
AppName=LlamaDesk
AppVersion={#AppVersion}
AppVerName=LlamaDesk {#AppVersion}
AppPublisher=The LlamaDesk developers
DefaultDirName={autopf}\LlamaDesk
DefaultGroupName=LlamaDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=LlamaDesk-{#AppVersion}-setup
SetupIconFile=..\..\build\windows\llamadesk.ico
UninstallDisplayIcon={app}\LlamaDesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
MinVersion=10.0

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\build\windows\dist\llamadesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\LlamaDesk"; Filename: "{app}\LlamaDesk.exe"
Name: "{autodesktop}\LlamaDesk"; Filename: "{app}\LlamaDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\LlamaDesk.exe"; Description: "{cm:LaunchProgram,LlamaDesk}"; Flags: nowait postinstall skipifsilent
