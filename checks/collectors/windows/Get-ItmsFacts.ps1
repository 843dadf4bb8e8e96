<#
.SYNOPSIS
    Writes what only the Windows host can tell about a Notification Server as an
    itmscheck fact fragment (JSON), for `itmscheck collect --import FILE`.

.DESCRIPTION
    Runs on Windows PowerShell 2.0 (Windows Server 2003 SP2 / 2008 / 2008 R2), so it
    uses WMI (Get-WmiObject) and builds the JSON by hand: ConvertTo-Json is PowerShell
    3.0. It reads, and changes, nothing else. A fact it cannot read is written as null
    with the reason in "unknown".

.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File Get-ItmsFacts.ps1 -Path C:\Temp\ns70-facts.json
#>
param([string]$Path = "itms-facts.json")

Set-StrictMode -Version 2.0
$ErrorActionPreference = "Stop"
$unknown = @{}

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
$dotnet35 = Read-Fact "host.dotnet35" {
    $key = Get-ItemProperty -Path "HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v3.5" -ErrorAction SilentlyContinue
    ($key -ne $null) -and ($key.Install -eq 1)
}

$dotnetJson = "null"
if ($dotnet35 -eq $true) { $dotnetJson = "true" } elseif ($dotnet35 -eq $false) { $dotnetJson = "false" }
$unknownParts = @()
foreach ($fact in ($unknown.Keys | Where-Object { $_ -ne "host.os" } | Sort-Object)) {
    $unknownParts += ((ConvertTo-JsonString $fact) + ": " + (ConvertTo-JsonString $unknown[$fact]))
}
$collectedAt = (Get-Date).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ")
$json = @"
{
  "itmscheck_fragment": 1,
  "collected_at": $(ConvertTo-JsonString $collectedAt),
  "collected_by": $(ConvertTo-JsonString ("Get-ItmsFacts.ps1 1.0 on " + $env:COMPUTERNAME)),
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
      "dotnet35": $dotnetJson
    }
  },
  "unknown": {$($unknownParts -join ", ")}
}
"@
# UTF-8 without a byte order mark: what every JSON reader accepts.
[System.IO.File]::WriteAllText($Path, $json, (New-Object System.Text.UTF8Encoding($false)))
Write-Host "Wrote $Path; copy it to the workstation and run: itmscheck collect --import $Path ..."
