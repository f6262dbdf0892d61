from boardpack.cli import main

main()
