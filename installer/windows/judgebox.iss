; Inno Setup 6 script: per-user JudgeBox installer (no administrator rights needed).
;
; Built by installer/build.py on Windows after PyInstaller, roughly:
;   ISCC /DAppVersion=0.1.0 /DSourceDir=dist\judgebox /DOutputDir=dist /DRepoRoot=. installer\windows\judgebox.iss
; Without /D options it builds from ..\..\dist\judgebox relative to this file.
;
; What a juror gets: JudgeBox in %LOCALAPPDATA%\Programs\JudgeBox, a Start-menu entry (and a
; "JudgeBox demo" one), an uninstaller in Settings > Apps, and double-click on .jbevent,
; .jbscore, .jbvisit and .jbx files (HKCU\Software\Classes, so no admin rights). The profile
; (database, keys: %LOCALAPPDATA%\JudgeBox) is outside {app} and survives uninstall/upgrade.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef RepoRoot
  #define RepoRoot AddBackslash(SourcePath) + "..\.."
#endif
#ifndef SourceDir
  #define SourceDir RepoRoot + "\dist\judgebox"
#endif
#ifndef OutputDir
  #define OutputDir RepoRoot + "\dist"
#endif
#define AppExe "judgebox.exe"

[Setup]
; AppId identifies the app for upgrades and uninstall: never change it.
AppId={{C8F32738-BF55-4ABC-A76A-3A66ADBFF52F}
AppName=JudgeBox
AppVersion={#AppVersion}
AppVerName=JudgeBox {#AppVersion}
AppPublisher=JudgeBox
AppComments=Offline judging for smart-city competitions
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\JudgeBox
DisableDirPage=auto
DefaultGroupName=JudgeBox
DisableProgramGroupPage=yes
OutputDir={#OutputDir}
OutputBaseFilename=JudgeBox-{#AppVersion}-setup
SetupIconFile={#RepoRoot}\judgebox\resources\icons\judgebox.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=JudgeBox
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Indonesian is an unofficial Inno Setup translation: used when present in the compiler's
; Languages folder (see installer/README-build.md), otherwise the wizard is in English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Indonesian.isl")
Name: "indonesian"; MessagesFile: "compiler:Languages\Indonesian.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade must not mix libraries of two versions
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\JudgeBox"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\JudgeBox demo"; Filename: "{app}\{#AppExe}"; Parameters: "demo"; WorkingDir: "{app}"
Name: "{autodesktop}\JudgeBox"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; File associations for the current user only (HKCU\Software\Classes): no admin rights.
; Each extension -> a ProgID -> "judgebox.exe" "%1". uninsdeletevalue/uninsdeletekey undo it.
Root: HKCU; Subkey: "Software\Classes\.jbevent"; ValueType: string; ValueName: ""; ValueData: "JudgeBox.Event"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.jbevent\OpenWithProgids"; ValueType: string; ValueName: "JudgeBox.Event"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Event"; ValueType: string; ValueName: ""; ValueData: "JudgeBox event package"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Event\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Event\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

Root: HKCU; Subkey: "Software\Classes\.jbscore"; ValueType: string; ValueName: ""; ValueData: "JudgeBox.Score"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.jbscore\OpenWithProgids"; ValueType: string; ValueName: "JudgeBox.Score"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Score"; ValueType: string; ValueName: ""; ValueData: "JudgeBox signed score file"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Score\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Score\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

Root: HKCU; Subkey: "Software\Classes\.jbvisit"; ValueType: string; ValueName: ""; ValueData: "JudgeBox.Visit"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.jbvisit\OpenWithProgids"; ValueType: string; ValueName: "JudgeBox.Visit"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Visit"; ValueType: string; ValueName: ""; ValueData: "JudgeBox signed site-visit file"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Visit\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Visit\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

Root: HKCU; Subkey: "Software\Classes\.jbx"; ValueType: string; ValueName: ""; ValueData: "JudgeBox.Bundle"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.jbx\OpenWithProgids"; ValueType: string; ValueName: "JudgeBox.Bundle"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Bundle"; ValueType: string; ValueName: ""; ValueData: "JudgeBox entry bundle"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\JudgeBox.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

; "Open with" lists JudgeBox for these types by its friendly name
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "JudgeBox"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jbevent"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jbscore"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jbvisit"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jbx"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,JudgeBox}"; Flags: nowait postinstall skipifsilent
