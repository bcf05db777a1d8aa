from generator.commands.cli import main

main(prog_name="python -m generator")
