@echo off
rem rmi360 on Windows with the same JVM settings as bin/rmi360 (C1-only JIT, serial GC, 24 MiB initial heap, 1 GiB cap,
rem native reflection, class-data archive; see that script and docs/benchmarks.md for why). More JVM options: RMI360_JAVA_OPTS;
rem the jar: RMI360_JAR; the java command: JAVA. Defaults: in a bundle (make dist) lib\rmi360-agent.jar and
rem runtime\bin\java.exe next to bin\; in the repository agent\target\rmi360-agent.jar and java from PATH.
rem Class-data sharing: the first upload per jar build archives the classes it loaded, at exit, under
rem %LOCALAPPDATA%\rmi360; later runs map it (the JVM checks it matches the jar). RMI360_CDS=0 turns it off.
rem Not run on Windows here: the release workflow (.github/workflows/release.yml) runs it on a Windows runner.
setlocal EnableExtensions DisableDelayedExpansion
set "here=%~dp0"
set "native="
if not exist "%here%..\runtime\bin\java.exe" goto repo
rem The bundle's own jar: the CRT loads its library from lib\native instead of extracting it to %TEMP%.
if not defined RMI360_JAR if exist "%here%..\lib\native" set native="-Djava.library.path=%here%..\lib\native"
if not defined RMI360_JAR set "RMI360_JAR=%here%..\lib\rmi360-agent.jar"
if not defined JAVA set "JAVA=%here%..\runtime\bin\java.exe"
goto cds
:repo
if not defined RMI360_JAR set "RMI360_JAR=%here%..\agent\target\rmi360-agent.jar"
if not defined JAVA set "JAVA=java"

:cds
set "cds="
if "%RMI360_CDS%"=="0" goto run
if not defined LOCALAPPDATA goto run
if not exist "%RMI360_JAR%" goto run
rem The archive is only valid for this jar build: its size and time stamp (digits only) name it.
for %%F in ("%RMI360_JAR%") do set "stamp=%%~zF-%%~tF"
set "stamp=%stamp:/=%"
set "stamp=%stamp::=%"
set "stamp=%stamp: =%"
set "stamp=%stamp:.=%"
set "stamp=%stamp:,=%"
set "cache=%LOCALAPPDATA%\rmi360"
set "archive=%cache%\rmi360-%stamp%.jsa"
rem A finished first run left its archive under a temporary name; one still being written cannot be moved.
if not exist "%archive%" for %%T in ("%archive%.*.tmp") do move /y "%%~fT" "%archive%" >nul 2>&1
if exist "%archive%" (
  set cds="-XX:SharedArchiveFile=%archive%" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off
  goto run
)
rem An upload loads the classes that matter; help, dry runs and --version do not.
if /i not "%~1"=="upload" goto run
for %%A in (%*) do (
  if "%%~A"=="-h" goto run
  if "%%~A"=="--help" goto run
  if "%%~A"=="--dry-run" goto run
  if "%%~A"=="-V" goto run
  if "%%~A"=="--version" goto run
)
if not exist "%cache%" mkdir "%cache%" 2>nul || goto run
set cds="-XX:ArchiveClassesAtExit=%archive%.%RANDOM%.tmp" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off

:run
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms24m -Xmx1g -Xss512k -Djdk.reflect.useNativeAccessorOnly=true %native% %cds% %RMI360_JAVA_OPTS% -jar "%RMI360_JAR%" %*
exit /b %ERRORLEVEL%
