from judgebox.cli import main

if __name__ == "__main__":  # guarded: the slide worker process re-imports this module
    raise SystemExit(main())
