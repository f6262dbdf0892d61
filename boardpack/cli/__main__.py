from boardpack.cli.commands import main

main()
