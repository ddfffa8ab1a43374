using ForgeNet.Daemon;

return await DaemonProgram.RunAsync(args);
