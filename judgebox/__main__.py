from judgebox.cli import main

raise SystemExit(main())
