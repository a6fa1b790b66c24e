from judgebox.cli import run

if __name__ == "__main__":  # guarded: the slide worker process re-imports this module
    run()
