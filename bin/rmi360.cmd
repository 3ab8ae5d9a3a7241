@echo off
rem rmi360 on Windows with the same JVM settings as bin/rmi360 (C1-only JIT, serial GC, 1 GiB heap cap;
rem see that script and docs/benchmarks.md for why). More JVM options: RMI360_JAVA_OPTS; the jar: RMI360_JAR.
setlocal
if "%RMI360_JAR%"=="" set "RMI360_JAR=%~dp0..\agent\target\rmi360-agent.jar"
if "%JAVA%"=="" set "JAVA=java"
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx1g -Xss512k %RMI360_JAVA_OPTS% -jar "%RMI360_JAR%" %*
exit /b %ERRORLEVEL%
