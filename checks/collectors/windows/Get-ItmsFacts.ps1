<#
.SYNOPSIS
    Writes what only the Windows host can tell about a Notification Server as an
    itmscheck fact fragment (JSON), for `itmscheck collect --import FILE`.

.DESCRIPTION
    Runs on Windows PowerShell 2.0 (Windows Server 2003 SP2 / 2008 / 2008 R2), so it
    uses WMI (Get-WmiObject) and builds the JSON by hand: ConvertTo-Json is PowerShell
    3.0. It reads, and changes, nothing else. A fact it cannot read is written as null
    with the reason in "unknown".

    Besides the host (WMI, registry: .NET 3.5 and the console plug-ins Silverlight,
    Flash and Java, in both registry views; for the known-issues pack the .NET 4.5
    release, User Account Control, the domain role, the local Administrators group's
    members and the application identity's account name, never its password), it reads the guide's file locations
    under the Altiris install folder (the data store file, Inventory baselines and
    stand-alone packages, Table 6-1 Deployment files, Tables 9-2 and 10-2 RTCI/RTSM
    files as SHA-256, SEPIC packages) and counts errors and warnings in the
    Notification Server's a.log files over the last -LogDays days, reading at most
    -LogMaxMB of them. It is the same reading as itmscheck's files, logs and
    console plug-ins collectors (checks/collectors/file_locations.py).

.PARAMETER Role
    source (the 7.0 server) or target (the 7.5 server). Mandatory: the fragment
    records it, and `itmscheck collect --role` refuses a fragment of the other
    server (or of none), so the 7.0 server's host facts can never become the
    7.5 server's. It also says which Table 6-1 locations hold the Deployment files.

.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File Get-ItmsFacts.ps1 -Role source -Path C:\Temp\ns70-facts.json
#>
param(
    [string]$Path = "itms-facts.json",
    [Parameter(Mandatory = $true)][ValidateSet("source", "target")][string]$Role,
    [string]$InstallPath = "C:\Program Files\Altiris",
    [string]$DataStoreFolder = "",
    [string]$LogFolder = "",
    [int]$LogDays = 7,
    [int]$LogMaxMB = 256
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = "Stop"
$unknown = @{}
$Role = $Role.ToLower()
if ($Role -ne "source" -and $Role -ne "target") { throw "-Role must be source or target" }
$invariant = [System.Globalization.CultureInfo]::InvariantCulture

# Untyped parameter on purpose: a [string] parameter turns $null into "".
function ConvertTo-JsonString($Text) {
    if ($Text -eq $null -or [string]$Text -eq "") { return "null" }
    $Text = [string]$Text
    $builder = New-Object System.Text.StringBuilder
    [void]$builder.Append('"')
    foreach ($char in $Text.ToCharArray()) {
        $code = [int]$char
        if ($char -eq '"') { [void]$builder.Append('\"') }
        elseif ($char -eq '\') { [void]$builder.Append('\\') }
        elseif ($code -eq 10) { [void]$builder.Append('\n') }
        elseif ($code -eq 13) { [void]$builder.Append('\r') }
        elseif ($code -eq 9) { [void]$builder.Append('\t') }
        elseif ($code -lt 32) { [void]$builder.Append(('\u{0:x4}' -f $code)) }
        else { [void]$builder.Append($char) }
    }
    [void]$builder.Append('"')
    return $builder.ToString()
}

function ConvertTo-JsonList($Items) {
    $parts = @()
    foreach ($item in $Items) {
        if ($item -ne $null -and [string]$item -ne "") { $parts += (ConvertTo-JsonString $item) }
    }
    return "[" + ($parts -join ", ") + "]"
}

# Runs $Block; on failure records the reason for $Fact and returns $null.
function Read-Fact([string]$Fact, [scriptblock]$Block) {
    try { return (& $Block) }
    catch { $script:unknown[$Fact] = "Get-ItmsFacts.ps1: " + $_.Exception.Message; return $null }
}

# Runs $Block, whose output is the list's items, and returns the list as JSON text
# (returning the array itself would unroll an empty list into $null).
function Read-ListJson([string]$Fact, [scriptblock]$Block) {
    try { $items = @(& $Block); return (ConvertTo-JsonList $items) }
    catch { $script:unknown[$Fact] = "Get-ItmsFacts.ps1: " + $_.Exception.Message; return "null" }
}

# Runs $Block, whose output is JSON text, and returns it; on failure records the
# reason for $Fact and returns "null".
function Read-Json([string]$Fact, [scriptblock]$Block) {
    try { return [string](& $Block) }
    catch { $script:unknown[$Fact] = "Get-ItmsFacts.ps1: " + $_.Exception.Message; return "null" }
}

function ConvertTo-JsonBool($Value) { if ($Value) { return "true" } else { return "false" } }

function ConvertTo-SortedList($Items) {
    $sorted = [string[]]@($Items | Where-Object { $_ -ne $null -and [string]$_ -ne "" } | Select-Object -Unique)
    [Array]::Sort($sorted, [System.StringComparer]::Ordinal)
    return (ConvertTo-JsonList $sorted)
}

# --- Console plug-ins (Table 2-2, step 5): HKLM, 32-bit installs under Wow6432Node.
$views = @("HKLM:\SOFTWARE\", "HKLM:\SOFTWARE\Wow6432Node\")

function Get-RegistryValue([string]$Key, [string]$Name) {
    foreach ($view in $views) {
        if (Test-Path -LiteralPath ($view + $Key)) {
            $item = Get-ItemProperty -LiteralPath ($view + $Key) -ErrorAction Stop
            $property = $item.PSObject.Properties[$Name]
            if ($property -ne $null -and [string]$property.Value -ne "") {
                return ([string]$property.Value).Trim().Replace(",", ".")
            }
        }
    }
    return $null
}

# The newest Java Runtime release, as Java names itself: 1.6.0_45 -> "6 Update 45".
function Get-JavaVersion {
    $best = $null; $bestKey = ""
    foreach ($view in $views) {
        foreach ($key in @("JavaSoft\Java Runtime Environment", "JavaSoft\JRE")) {
            if (-not (Test-Path -LiteralPath ($view + $key))) { continue }
            foreach ($child in @(Get-ChildItem -LiteralPath ($view + $key) -ErrorAction Stop)) {
                $name = [string]$child.PSChildName
                if ($name -notmatch '^\d+(\.\d+)*(_\d+)?$') { continue }
                $sortKey = (@([regex]::Matches($name, '\d+') | ForEach-Object { $_.Value.PadLeft(9, "0") })) -join "."
                if ($best -eq $null -or $sortKey -gt $bestKey) { $best = $name; $bestKey = $sortKey }
            }
        }
    }
    if ($best -eq $null) { return $null }
    $parts = $best.Split("_"); $numbers = $parts[0].Split(".")
    if ($numbers[0] -ne "1" -or $numbers.Length -lt 2) { return $best }
    if ($parts.Length -gt 1) { return ($numbers[1] + " Update " + [int]$parts[1]) }
    return $numbers[1]
}

# --- Files: the guide's locations, relative to the Altiris install folder.
function Join-Install([string]$Relative) { return (Join-Path $InstallPath $Relative) }

# Files under $Folder (recursively) as relative paths; none if it does not exist.
# The recursion is by hand: PowerShell 2.0's Get-ChildItem -LiteralPath -Recurse is unreliable.
function Get-FileList([string]$Folder, [string]$Prefix = "") {
    if (-not (Test-Path -LiteralPath $Folder)) { return }
    if (-not (Test-Path -LiteralPath $Folder -PathType Container)) { throw "$Folder is not a folder" }
    foreach ($item in @(Get-ChildItem -LiteralPath $Folder -Force -ErrorAction Stop)) {
        if ($item.PSIsContainer) { Get-FileList $item.FullName ($Prefix + $item.Name + "\") }
        else { $Prefix + $item.Name }
    }
}

# Distinct files in folders written "path|mirror|inside;..." (see file_locations.py).
function Measure-Files([string]$Folders, [string]$Suffix) {
    $seen = @{}
    foreach ($spec in $Folders.Split(";")) {
        $folderPath, $mirror, $inside = $spec.Split("|")
        foreach ($relative in @(Get-FileList (Join-Install $folderPath))) {
            if ($Suffix -and -not $relative.ToLower().EndsWith($Suffix)) { continue }
            $parents = @($relative.Split("\") | Select-Object -First ($relative.Split("\").Length - 1))
            if ($inside -and -not ($parents -contains $inside)) { continue }
            $seen[$mirror + "|" + $relative.ToLower()] = $true
        }
    }
    return $seen.Count
}

function Get-Sha256Json([string]$Relative) {
    $file = Join-Install $Relative
    if (-not (Test-Path -LiteralPath $file)) { return "null" }  # the file does not exist
    $stream = [System.IO.File]::Open($file, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read,
                                     [System.IO.FileShare]::ReadWrite)
    try { $hash = [System.Security.Cryptography.SHA256]::Create().ComputeHash($stream) }
    finally { $stream.Close() }
    $builder = New-Object System.Text.StringBuilder
    foreach ($byte in $hash) { [void]$builder.Append($byte.ToString("x2")) }
    return (ConvertTo-JsonString $builder.ToString())
}

function Get-DataStoreJson {
    $folder = $DataStoreFolder
    if (-not $folder) { $folder = Join-Install "Upgrade\Data" }
    if (-not (Test-Path -LiteralPath $folder -PathType Container)) { return "null" }
    $stores = @(Get-ChildItem -LiteralPath $folder -Force -ErrorAction Stop |
                Where-Object { -not $_.PSIsContainer -and $_.Extension -eq ".adb" })
    if ($stores.Count -eq 0) { return "null" }
    $newest = $stores | Sort-Object -Property @{Expression = { $_.LastWriteTimeUtc }; Descending = $true },
                                              @{Expression = { $_.Name }; Descending = $true } | Select-Object -First 1
    $packageFiles = Test-Path -LiteralPath (Join-Path $folder "PackageFiles") -PathType Container
    return ('{"path": ' + (ConvertTo-JsonString (Join-Path $folder $newest.Name)) +
            ', "size_bytes": ' + [string]$newest.Length +
            ', "modified_at": ' + (ConvertTo-JsonString $newest.LastWriteTimeUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", $invariant)) +
            ', "package_files": ' + (ConvertTo-JsonBool $packageFiles) + '}')
}

# --- Logs: not in the guide; Symantec KB 171848 gives ProgramData\Symantec\SMP\Logs
# (Windows Server 2003: %ALLUSERSPROFILE%\Application Data); 6.0 used <Altiris>\Notification Server\Logs.
function Find-LogFolder {
    $candidates = @()
    if ($LogFolder) { $candidates = @($LogFolder) }
    else {
        if ($env:ProgramData) { $candidates += (Join-Path $env:ProgramData "Symantec\SMP\Logs") }
        if ($env:ALLUSERSPROFILE) { $candidates += (Join-Path $env:ALLUSERSPROFILE "Application Data\Symantec\SMP\Logs") }
        $candidates += (Join-Install "Notification Server\Logs")
    }
    foreach ($candidate in $candidates) {
        if (Test-Path -LiteralPath $candidate -PathType Container) { return $candidate }
    }
    throw ("no a.log folder found (tried " + ($candidates -join ", ") + "); pass -LogFolder")
}

# Errors (severity 1) and warnings (2) of the window, and the top messages as JSON.
function Measure-Logs([string]$Folder) {
    $now = (Get-Date).ToUniversalTime(); $since = $now.AddDays(-$LogDays)
    $files = @(Get-ChildItem -LiteralPath $Folder -Force -ErrorAction Stop | Where-Object {
        -not $_.PSIsContainer -and $_.Name -match '^a\d*\.log$' -and $_.LastWriteTimeUtc -ge $since })
    $total = 0
    foreach ($file in $files) { $total += $file.Length }
    if ($total -gt ($LogMaxMB * 1MB)) {
        throw "the a.log files of the window exceed $LogMaxMB MB (raise -LogMaxMB or shorten -LogDays)"
    }
    $result = @{ "error" = 0; "warning" = 0 }; $groups = @{}
    foreach ($file in $files) {
        # The Notification Server keeps a.log open for writing: share it.
        $stream = [System.IO.File]::Open($file.FullName, [System.IO.FileMode]::Open,
                                         [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
        try { $reader = New-Object System.IO.StreamReader($stream, $true); $text = $reader.ReadToEnd() }
        finally { $stream.Close() }
        foreach ($match in [regex]::Matches($text, "<event\b([^>]*)>(.*?)</event>", "Singleline, IgnoreCase")) {
            $attributes = $match.Groups[1].Value
            $severity = [regex]::Match($attributes, "severity\s*=\s*['""](\d+)['""]").Groups[1].Value
            if ($severity -eq "1") { $kind = "error" } elseif ($severity -eq "2") { $kind = "warning" } else { continue }
            $date = [regex]::Match($attributes, "date\s*=\s*['""]([^'""]*)['""]").Groups[1].Value
            $parsed = [DateTimeOffset]::MinValue
            if (-not [DateTimeOffset]::TryParse($date, $invariant, [System.Globalization.DateTimeStyles]::AssumeUniversal, [ref]$parsed)) {
                throw ($file.FullName + ": an $kind entry's date '$date' is in no form this script knows")
            }
            if ($parsed.UtcDateTime -lt $since -or $parsed.UtcDateTime -gt $now) { continue }
            $body = [regex]::Match($match.Groups[2].Value, "<!\[CDATA\[(.*?)\]\]>", "Singleline").Groups[1].Value
            $first = ""
            foreach ($line in $body.Split("`n")) { if ($line.Trim()) { $first = $line.Trim(); break } }
            $first = [regex]::Replace($first, '\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?', "{guid}")
            $first = [regex]::Replace([regex]::Replace($first, '\d+', "#"), '\s+', " ")
            if ($first.Length -gt 200) { $first = $first.Substring(0, 200) }
            if (-not $first) { $first = "(empty message)" }
            $result[$kind] += 1
            $groups[$kind + "`t" + $first] = 1 + [int]$groups[$kind + "`t" + $first]
        }
    }
    $top = @($groups.GetEnumerator() | Sort-Object -Property @{Expression = { $_.Value }; Descending = $true },
                                                             @{Expression = { $_.Key }; Ascending = $true } | Select-Object -First 10)
    $parts = @()
    foreach ($entry in $top) {
        $kind, $message = $entry.Key.Split([char[]]"`t", 2)
        $parts += ('{"message": ' + (ConvertTo-JsonString $message) + ', "severity": "' + $kind + '", "count": ' + $entry.Value + '}')
    }
    $result["top"] = "[" + ($parts -join ", ") + "]"
    return $result
}

$os = Read-Fact "host.os" { Get-WmiObject -Class Win32_OperatingSystem }
$name = Read-Fact "host.name" { $env:COMPUTERNAME }
$fqdn = Read-Fact "host.fqdn" { [System.Net.Dns]::GetHostEntry([string]$env:COMPUTERNAME).HostName }
$addressesJson = Read-ListJson "host.ip_addresses" {
    foreach ($adapter in (Get-WmiObject -Class Win32_NetworkAdapterConfiguration -Filter "IPEnabled = TRUE")) {
        foreach ($address in $adapter.IPAddress) {
            if ($address -and -not $address.StartsWith("fe80") -and $address -ne "127.0.0.1") { $address }
        }
    }
}
$caption = $null; $version = $null
if ($os -ne $null) { $caption = ([string]$os.Caption).Trim(); $version = [string]$os.Version }
else { $unknown["host.os.name"] = $unknown["host.os"]; $unknown["host.os.version"] = $unknown["host.os"] }
# Win32_OperatingSystem.OSArchitecture does not exist on Windows Server 2003;
# PROCESSOR_ARCHITEW6432 is set when a 32-bit PowerShell runs on a 64-bit OS.
$machine = $env:PROCESSOR_ARCHITEW6432
if (-not $machine) { $machine = $env:PROCESSOR_ARCHITECTURE }
$architecture = $null
if ($machine -eq "AMD64") { $architecture = "x64" }
elseif ($machine -eq "x86") { $architecture = "x86" }
else { $unknown["host.os.architecture"] = "Get-ItmsFacts.ps1: processor architecture $machine is neither x64 nor x86" }
$usersJson = Read-ListJson "host.local_users" {
    foreach ($account in (Get-WmiObject -Class Win32_UserAccount -Filter ("LocalAccount = TRUE AND Domain = '" + $env:COMPUTERNAME + "'"))) {
        [string]$account.Name
    }
}
# No v3.5 key, or no Install = 1: not installed; a key that cannot be read: unknown.
$dotnet35 = Read-Fact "host.dotnet35" {
    $netKey = "HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v3.5"
    if (-not (Test-Path -LiteralPath $netKey)) { $false }
    else {
        $install = (Get-ItemProperty -LiteralPath $netKey -ErrorAction Stop).PSObject.Properties["Install"]
        ($install -ne $null) -and ($install.Value -eq 1)
    }
}

# The known-issues pack (issue 21). .NET 4.5 or later: "Check for a DWORD value named Release.
# If it exists, then the .NET Framework 4.5 or later is installed" (Microsoft, "How to: Determine
# which .NET Framework versions are installed"); no Full key or no Release value: none (null).
$dotnet4Json = Read-Json "host.dotnet4_release" {
    $fullKey = "HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full"
    if (-not (Test-Path -LiteralPath $fullKey)) { "null" }
    else {
        $release = (Get-ItemProperty -LiteralPath $fullKey -ErrorAction Stop).PSObject.Properties["Release"]
        if ($release -eq $null) { "null" } else { [string][int]$release.Value }
    }
}
# UAC: EnableLUA under Policies\System, "0 = Disabled, 1 (Default) = Enabled" (Microsoft, "User
# Account Control Group Policy and registry key settings"). An absent value is not guessed.
$uacJson = Read-Json "host.uac_enabled" {
    $item = Get-ItemProperty -LiteralPath "HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System" -ErrorAction Stop
    $lua = $item.PSObject.Properties["EnableLUA"]
    if ($lua -eq $null) { throw "no value EnableLUA under HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System" }
    ConvertTo-JsonBool ([int]$lua.Value -ne 0)
}
# Win32_ComputerSystem.DomainRole: "4 Backup domain controller", "5 Primary domain controller"
# (Microsoft's Exchange Server Analyzer documentation of the WMI class).
$domainRoleJson = Read-Json "host.domain_role" {
    $system = Get-WmiObject -Class Win32_ComputerSystem
    if ($system -eq $null) { throw "WMI lists no Win32_ComputerSystem" }
    [string][int]$system.DomainRole
}
# The local Administrators group by its well-known SID (its name is localized), and its direct
# members through Win32_GroupUser, which "relates a group and an account that is a member of
# that group" (Microsoft's WMI reference). Members of a member group are not expanded.
$administratorsJson = Read-ListJson "host.local_administrators" {
    $group = Get-WmiObject -Class Win32_Group -Filter "LocalAccount = TRUE AND SID = 'S-1-5-32-544'"
    if ($group -eq $null) { throw "WMI lists no local group with the SID S-1-5-32-544" }
    $query = "ASSOCIATORS OF {Win32_Group.Domain='" + $group.Domain.Replace("'", "\'") + "',Name='" +
             $group.Name.Replace("'", "\'") + "'} WHERE AssocClass = Win32_GroupUser Role = GroupComponent"
    foreach ($member in @(Get-WmiObject -Query $query -ErrorAction Stop)) {
        [string]$member.Domain + "\" + [string]$member.Name
    }
}

# Win32_Processor.DataWidth: "On a 32-bit processor, the value is 32 and on a 64-bit
# processor it is 64" (Microsoft's WMI class reference), whatever OS runs on it.
$cpuX64 = Read-Fact "host.cpu_x64_capable" {
    $widths = @(Get-WmiObject -Class Win32_Processor | ForEach-Object { [int]$_.DataWidth })
    if ($widths.Count -eq 0) { throw "WMI lists no processor" }
    -not ($widths -contains 32)
}
$cpuJson = "null"
if ($cpuX64 -eq $true) { $cpuJson = "true" } elseif ($cpuX64 -eq $false) { $cpuJson = "false" }

$silverlightJson = Read-Json "host.plugins.silverlight" { ConvertTo-JsonString (Get-RegistryValue "Microsoft\Silverlight" "Version") }
$flashJson = Read-Json "host.plugins.flash" {
    $flash = Get-RegistryValue "Macromedia\FlashPlayerActiveX" "Version"  # the one Internet Explorer uses
    if (-not $flash) { $flash = Get-RegistryValue "Macromedia\FlashPlayer" "CurrentVersion" }
    ConvertTo-JsonString $flash
}
$javaJson = Read-Json "host.plugins.java" { ConvertTo-JsonString (Get-JavaVersion) }

$ns = "Notification Server"
# The guide's Notification Server locations all sit in <install folder>\Notification Server
# (Table 6-1): a folder holding it is the install folder. A default that holds none is no answer.
$installPathJson = Read-Json "platform.install_path" {
    if (-not (Test-Path -LiteralPath (Join-Install $ns) -PathType Container)) {
        throw "no $ns folder in $InstallPath; pass -InstallPath"
    }
    ConvertTo-JsonString $InstallPath
}
# The agent build the server offers (KB 155980: "NS Client Package" @version) and SIM's own
# version (HKLM\SOFTWARE\Altiris\AIM, ProductVersion): builds a person can map to releases.
function Get-RequiredValue([string]$Key, [string]$Name) {
    $value = Get-RegistryValue $Key $Name
    if (-not $value) { throw "no value $Name under HKLM\SOFTWARE\$Key" }
    return (ConvertTo-JsonString $value)
}
$agentPackageJson = Read-Json "platform.agent_package_build" { Get-RequiredValue "Altiris\eXpress\NS Client Package" "version" }
$simVersionJson = Read-Json "platform.sim_version" { Get-RequiredValue "Altiris\AIM" "ProductVersion" }
# The application identity account: HKLM\SOFTWARE\Altiris\eXpress\Notification Server\AppIdentity,
# value "user" (Broadcom KB 158871). Only the account's name: the value "pwd" is never read.
$appIdentityJson = Read-Json "platform.app_identity" {
    $user = $null
    foreach ($view in $views) {
        $key = $view + "Altiris\eXpress\Notification Server\AppIdentity"
        if ($user -eq $null -and (Test-Path -LiteralPath $key)) {
            $property = (Get-ItemProperty -LiteralPath $key -ErrorAction Stop).PSObject.Properties["user"]
            if ($property -ne $null -and [string]$property.Value -ne "") { $user = ([string]$property.Value).Trim() }
        }
    }
    if ($user -eq $null) { throw "no value user under HKLM\SOFTWARE\Altiris\eXpress\Notification Server\AppIdentity" }
    ConvertTo-JsonString $user
}
# "The EXE for the migration wizard is NSUpgradeWizard.exe, and it is located in
# C:\Program Files\Altiris\Upgrade by default" (guide, page 56).
$wizardJson = Read-Json "platform.migration_wizard_installed" {
    ConvertTo-JsonBool (Test-Path -LiteralPath (Join-Install "Upgrade\NSUpgradeWizard.exe") -PathType Leaf)
}
$baseline = "$ns\NSCap\bin\Win32\x86\Inventory\Application Management"
$dataStoreJson = Read-Json "migration.data_store" { Get-DataStoreJson }
$baselineJson = Read-Json "solutions.inventory.baseline_files" {
    $names = @()
    foreach ($folder in @("FileBaselinePackage", "RegBaselinePackage")) {
        foreach ($name in @(Get-FileList (Join-Install "$baseline\$folder"))) { $names += "$folder\$name" }
    }
    ConvertTo-SortedList $names
}
$standaloneJson = Read-Json "solutions.inventory.standalone_packages" {
    ConvertTo-SortedList @(Get-FileList (Join-Install "$ns\NSCap\Bin\Win32\x86\Inventory\StandalonePackages"))
}
$sepicJson = Read-Json "solutions.sepic.install_packages" {
    $names = @()
    foreach ($bits in @("Win32\X86", "Win64\X64")) {
        $folder = Join-Install "$ns\NSCap\bin\$bits\Symantec Endpoint Protection\Install Package"
        if (Test-Path -LiteralPath $folder) {
            $names += @(Get-ChildItem -LiteralPath $folder -Force -ErrorAction Stop | Where-Object { $_.PSIsContainer } | ForEach-Object { $_.Name })
        }
    }
    ConvertTo-SortedList $names
}
# Table 6-1: fact, Deployment Solution 7.1 folders (source), 7.5 folders (target).
$th = "Altiris Agent\Agents\Deployment\Task Handler"; $pk = "$ns\NSCap\bin\Deployment\Packages"
$bw = "BDC\bootwiz\Platforms\WinPE"; $pct = "$ns\NSCap\bin\Win32\x86\Deployment\PCT||"
$deployment = @(
    @("deploy_cab", "$th\Sysprep\Deploy_Cab||", "$pk\Sysprep\Deploy_Cab||"),
    @("image_packages", "$th\image||", "$pk\Images||"),
    @("pct_packages", "$th\PCTPackages||", "$pk\PCT||"),
    @("soi_packages", "$th\SOI||", "$pk\SOI||"),
    @("copy_file_packages", "$th\CopyFile||", "$pk\CopyFile||"),
    @("drivers_db", "$th\DriversDB||", "Deployment\DriversDB||;$ns\NSCap\bin\Deployment\DriversDB||"),
    @("bootwiz_drivers", "$th\bootwiz\Platforms||CUSTOM",
      "$ns\NSCap\bin\Deployment\$bw\x64\Drivers\CUSTOM\Drivers|x64|;Deployment\$bw\x64\Drivers\CUSTOM\Drivers|x64|;$ns\NSCap\bin\Deployment\$bw\x86\Drivers\CUSTOM\Drivers|x86|;Deployment\$bw\x86\Drivers\CUSTOM\Drivers|x86|"),
    @("pbt_files", $pct, $pct)
)
$deploymentParts = @()
if ($Role) {
    foreach ($row in $deployment) {
        $folders = $row[1]; if ($Role -eq "target") { $folders = $row[2] }
        $suffix = ""; if ($row[0] -eq "pbt_files") { $suffix = ".pbt" }
        $count = Read-Json ("solutions.deployment.files." + $row[0]) { [string](Measure-Files $folders $suffix) }
        $deploymentParts += ('"' + $row[0] + '": ' + $count)
    }
} else {
    $unknown["solutions.deployment.files"] = "Get-ItmsFacts.ps1: run with -Role source or -Role target (Table 6-1 differs)"
}
$hashParts = @{}
foreach ($row in @(@("rtci", "event_filter_amt", "RTCI\Web\UIData\EventFilter_AMT.xml"),
                   @("rtci", "event_filter_dash", "RTCI\Web\UIData\EventFilter_DASH.xml"),
                   @("rtci", "port_check", "RTCI\Web\UIData\PortCheck.xml"),
                   @("rtsm", "web_terminal_config", "RTSM\Web\Bin\WebTerminal.config"),
                   @("rtsm", "ping_filter", "RTSM\Web\UIData\PingFilter.xml"),
                   @("rtsm", "cb_filters", "RTSM\Web\UIData\CBFilters.xml"))) {
    $relative = $row[2]
    $json = Read-Json ("solutions." + $row[0] + "." + $row[1]) { Get-Sha256Json $relative }
    if (-not $hashParts.ContainsKey($row[0])) { $hashParts[$row[0]] = @() }
    $hashParts[$row[0]] += ('"' + $row[1] + '": ' + $json)
}
if (-not (Test-Path -LiteralPath $InstallPath -PathType Container)) {
    # A wrong install folder would read as "no files anywhere": say so instead.
    foreach ($fact in @("platform.migration_wizard_installed", "migration.data_store", "solutions.inventory.baseline_files",
                        "solutions.inventory.standalone_packages", "solutions.deployment.files",
                        "solutions.rtci", "solutions.rtsm", "solutions.sepic.install_packages")) {
        $unknown[$fact] = "Get-ItmsFacts.ps1: the Altiris install folder $InstallPath does not exist; pass -InstallPath"
    }
}

$logFolderJson = "null"; $logDaysJson = "null"; $errorsJson = "null"; $warningsJson = "null"; $topJson = "null"
try {
    $folder = Find-LogFolder
    $logFolderJson = ConvertTo-JsonString $folder; $logDaysJson = [string]$LogDays
    try {
        $logs = Measure-Logs $folder
        $errorsJson = [string]$logs["error"]; $warningsJson = [string]$logs["warning"]; $topJson = $logs["top"]
    } catch {
        foreach ($fact in @("logs.errors_last_days", "logs.warnings_last_days", "logs.top_messages")) {
            $unknown[$fact] = "Get-ItmsFacts.ps1: " + $_.Exception.Message
        }
    }
} catch { $unknown["logs"] = "Get-ItmsFacts.ps1: " + $_.Exception.Message }

$dotnetJson = "null"
if ($dotnet35 -eq $true) { $dotnetJson = "true" } elseif ($dotnet35 -eq $false) { $dotnetJson = "false" }
$unknownParts = @()
foreach ($fact in ($unknown.Keys | Where-Object { $_ -ne "host.os" } | Sort-Object)) {
    $unknownParts += ((ConvertTo-JsonString $fact) + ": " + (ConvertTo-JsonString $unknown[$fact]))
}
$collectedAt = (Get-Date).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", $invariant)
$roleJson = ""
if ($Role) { $roleJson = "`n  `"role`": `"$Role`"," }
$json = @"
{
  "itmscheck_fragment": 1,$roleJson
  "collected_at": $(ConvertTo-JsonString $collectedAt),
  "collected_by": $(ConvertTo-JsonString ("Get-ItmsFacts.ps1 1.3 on " + $env:COMPUTERNAME)),
  "facts": {
    "host": {
      "name": $(ConvertTo-JsonString $name),
      "fqdn": $(ConvertTo-JsonString $fqdn),
      "ip_addresses": $addressesJson,
      "os": {
        "name": $(ConvertTo-JsonString $caption),
        "version": $(ConvertTo-JsonString $version),
        "architecture": $(ConvertTo-JsonString $architecture)
      },
      "local_users": $usersJson,
      "local_administrators": $administratorsJson,
      "dotnet35": $dotnetJson,
      "dotnet4_release": $dotnet4Json,
      "uac_enabled": $uacJson,
      "domain_role": $domainRoleJson,
      "cpu_x64_capable": $cpuJson,
      "plugins": {"silverlight": $silverlightJson, "flash": $flashJson, "java": $javaJson}
    },
    "platform": {"install_path": $installPathJson, "migration_wizard_installed": $wizardJson,
                 "agent_package_build": $agentPackageJson, "sim_version": $simVersionJson,
                 "app_identity": $appIdentityJson},
    "migration": {"data_store": $dataStoreJson},
    "solutions": {
      "inventory": {"baseline_files": $baselineJson, "standalone_packages": $standaloneJson},
      "deployment": {"files": {$($deploymentParts -join ", ")}},
      "rtci": {$($hashParts["rtci"] -join ", ")},
      "rtsm": {$($hashParts["rtsm"] -join ", ")},
      "sepic": {"install_packages": $sepicJson}
    },
    "logs": {
      "folder": $logFolderJson,
      "days": $logDaysJson,
      "errors_last_days": $errorsJson,
      "warnings_last_days": $warningsJson,
      "top_messages": $topJson
    }
  },
  "unknown": {$($unknownParts -join ", ")}
}
"@
# UTF-8 without a byte order mark: what every JSON reader accepts.
[System.IO.File]::WriteAllText($Path, $json, (New-Object System.Text.UTF8Encoding($false)))
Write-Host "Wrote $Path; copy it to the workstation and run: itmscheck collect --import $Path ..."
