global using System.Buffers.Binary;
global using System.Security.Cryptography;
global using Orleans;
