"""Contoso's itmscheck plugin: a naming convention for the restored CMDB."""
