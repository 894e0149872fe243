from pixellint.cli import main

main()
