-- fact: platform.products
-- server: any
-- source: dbo.vProductInstallation (State)
--   at: Broadcom KB 179649,
--     https://knowledge.broadcom.com/external/article/179649/criteria-to-determine-product-is-not-pro.html
--   line: "select [State] from vProductInstallation -- (SIM searches what's returned from State for
--     the MSI's product code--if found, SIM reports the product as configured)"
-- unconfirmed: dbo.vProductInstallation (Name)
--   why: KB 179649 shows only the State column of the view Symantec Installation Manager reads;
--     that a Name column holds each product's name is this tool's assumption.
-- a name that is not one of the guide's product names (or its other spellings) leaves the fact
--   unknown rather than dropping the product or guessing which one it is. No release: the view's
--   version columns, if any, are not public, and no public source maps builds to releases.
SELECT p.Name AS product_name
  FROM dbo.vProductInstallation AS p
