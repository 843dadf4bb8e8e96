from itmscheck.cli.app import main

raise SystemExit(main())
