from avatar.cli.main import main

main()
