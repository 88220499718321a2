from ubsheets.cli import main

main()
