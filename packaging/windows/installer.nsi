; Frugal's per-user Windows installer (NSIS 3). Built by `make dist`:
;   makensis -DVERSION=... -DSRCDIR=<folder with frugal.exe and frugalw.exe>
;            -DOUTFILE=<setup.exe> packaging/windows/installer.nsi
;
; No administrator rights: everything goes under the user's own folders and
; HKEY_CURRENT_USER.
;   program      %LOCALAPPDATA%\Programs\Frugal\frugal.exe, frugalw.exe
;   Start menu   %APPDATA%\Microsoft\Windows\Start Menu\Programs\Frugal.lnk
;   at login     HKCU\Software\Microsoft\Windows\CurrentVersion\Run "Frugal"
;                (a checkbox, on by default)
;   browsers     frugalw.exe install-browser (native host keys, HKCU)
;   uninstaller  HKCU\...\CurrentVersion\Uninstall\Frugal (Apps & features)
; The records (%LOCALAPPDATA%\Frugal) are never touched by an install or an
; upgrade, and the uninstaller keeps them unless asked ("Remove my records",
; or /REMOVEDATA in silent mode).
;
; Silent: setup.exe /S [/NOAUTOSTART] [/D=folder];
;         Uninstall.exe /S [/REMOVEDATA]

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
!ifdef FAST
  SetCompress off ; the Wine checks: build in seconds, not minutes
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !define VERSION "dev"
!endif
!ifndef SRCDIR
  !error "SRCDIR (the folder holding frugal.exe and frugalw.exe) is not set"
!endif
!ifndef OUTFILE
  !define OUTFILE "frugal-windows-amd64-setup.exe"
!endif
!ifndef ICON
  !define ICON "..\..\assets\icon.ico"
!endif

!define APP "Frugal"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Frugal"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Frugal"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\frugalw.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "French"

LangString SecProgram ${LANG_ENGLISH} "Frugal (program, Start menu, browsers)"
LangString SecProgram ${LANG_FRENCH} "Frugal (programme, menu Démarrer, navigateurs)"
LangString SecAutostart ${LANG_ENGLISH} "Start Frugal when I log in"
LangString SecAutostart ${LANG_FRENCH} "Démarrer Frugal à l'ouverture de session"
LangString SecRemoveData ${LANG_ENGLISH} "Remove my records too (the database in %LOCALAPPDATA%\Frugal)"
LangString SecRemoveData ${LANG_FRENCH} "Supprimer aussi mes relevés (la base dans %LOCALAPPDATA%\Frugal)"
LangString RunNow ${LANG_ENGLISH} "Start Frugal now"
LangString RunNow ${LANG_FRENCH} "Démarrer Frugal maintenant"
LangString StillRunning ${LANG_ENGLISH} "Frugal is still running (in the tray, or started by a browser). Quit it, close your browsers, then click Retry."
LangString StillRunning ${LANG_FRENCH} "Frugal tourne encore (dans la zone de notification, ou lancé par un navigateur). Quittez-le, fermez vos navigateurs, puis cliquez sur Réessayer."
LangString Description ${LANG_ENGLISH} "Records your AI requests and their footprint, on your computer only"
LangString Description ${LANG_FRENCH} "Relève vos requêtes d'IA et leur empreinte, sur votre ordinateur seulement"

VIProductVersion "0.0.0.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Frugal contributors"

; QuitFrugal asks a running Frugal to quit: taskkill without /F sends
; WM_CLOSE to its windows (the tray's hidden window ends the tray cleanly),
; then waits until frugalw.exe can be opened for writing (Windows refuses
; that while a program runs from the file; renaming would not tell). A
; native host started by a browser has no window: the person is asked to
; close the browsers (in silent mode the install stops with exit code 2).
!macro QuitFrugal un
Function ${un}QuitFrugal
  IfFileExists "$INSTDIR\frugalw.exe" 0 done
  nsExec::Exec '"$SYSDIR\taskkill.exe" /IM frugalw.exe'
  Pop $0
  StrCpy $1 0
  retry:
    ClearErrors
    FileOpen $2 "$INSTDIR\frugalw.exe" a
    IfErrors 0 free
    IntOp $1 $1 + 1
    Sleep 500
    IntCmp $1 20 0 retry 0
    IfSilent 0 +3
      SetErrorLevel 2
      Quit
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" IDRETRY retry
    Quit
  free:
    FileClose $2
  done:
FunctionEnd
!macroend
!insertmacro QuitFrugal ""
!insertmacro QuitFrugal "un."

Section "$(SecProgram)" SecMain
  SectionIn RO
  SetShellVarContext current
  Call QuitFrugal
  SetOutPath "$INSTDIR"
  File "${SRCDIR}\frugal.exe"
  File "${SRCDIR}\frugalw.exe"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\Frugal.lnk" "$INSTDIR\frugalw.exe" "" "$INSTDIR\frugalw.exe" 0 SW_SHOWNORMAL "" "$(Description)"

  ; The browsers' native host: manifests under %LOCALAPPDATA%\Frugal and
  ; their HKCU keys, pointing at frugalw.exe (no console window).
  ExecWait '"$INSTDIR\frugalw.exe" install-browser --host-path "$INSTDIR\frugalw.exe"' $0
  DetailPrint "install-browser: exit code $0"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Frugal contributors"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\frugalw.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecAutostart)" SecAutostart
  WriteRegStr HKCU "${RUN_KEY}" "Frugal" '"$INSTDIR\frugalw.exe"'
SectionEnd

Function .onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/NOAUTOSTART" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecAutostart} 0
  ${EndIf}
FunctionEnd

; An upgrade without the box ticked removes an earlier Run entry.
Function .onInstSuccess
  ${IfNot} ${SectionIsSelected} ${SecAutostart}
    DeleteRegValue HKCU "${RUN_KEY}" "Frugal"
  ${EndIf}
FunctionEnd

Section "un.$(SecProgram)" UnSecMain
  SectionIn RO
  SetShellVarContext current
  Call un.QuitFrugal
  ; The host keys first, while frugalw.exe is still there to remove them.
  IfFileExists "$INSTDIR\frugalw.exe" 0 +2
    ExecWait '"$INSTDIR\frugalw.exe" install-browser --uninstall' $0
  DeleteRegValue HKCU "${RUN_KEY}" "Frugal"
  Delete "$SMPROGRAMS\Frugal.lnk"
  Delete "$INSTDIR\frugal.exe"
  Delete "$INSTDIR\frugalw.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

Section /o "un.$(SecRemoveData)" UnSecData
  RMDir /r "$LOCALAPPDATA\Frugal"
SectionEnd

Function un.onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/REMOVEDATA" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnSecData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
